// The names the action shares with the runner and with workflows: its inputs and outputs (as in action.yml, which a
// unit test holds these to) and the keys of what main saves for post. Written once, here.

export const INPUT = {
  provider: 'provider',
  accessKeyId: 'access-key-id',
  accessKeySecret: 'access-key-secret',
  securityToken: 'security-token',
  region: 'region',
  loginType: 'login-type',
  duration: 'duration',
  instanceId: 'instance-id',
  username: 'username',
  password: 'password',
  oidcProvider: 'oidc-provider',
  roleToAssume: 'role-to-assume',
  audience: 'audience',
  roleSessionName: 'role-session-name',
  stsEndpoint: 'sts-endpoint',
  registry: 'registry',
  apiEndpoint: 'api-endpoint',
  engine: 'engine',
  hostsDir: 'hosts-dir',
  dockerConfigDir: 'docker-config-dir',
  logout: 'logout'
} as const

export const OUTPUT = {
  registry: 'registry',
  registries: 'registries',
  username: 'username',
  hostsDir: 'hosts-dir',
  ctrUser: 'ctr-user',
  dockerConfigJson: 'docker-config-json',
  authFile: 'auth-file',
  dockerConfigDir: 'docker-config-dir',
  expiresAt: 'expires-at'
} as const

export const STATE = {
  /** Set by main as its first act: its presence tells the post run from the main run. */
  isPost: 'isPost',
  /** The LoginState (state.ts), as JSON. */
  login: 'login'
} as const
