// The smallest registry a login can be checked against, for the CI legs where no real one can run (Windows runners
// have Windows containers only; macOS runners have no Docker): the distribution API's version check and nothing else.
// GET /v2/ answers 200 to the Basic credentials in $REGISTRY_USER and $REGISTRY_PASSWORD, 401 with a Basic challenge
// to anything else. Listens on 127.0.0.1:$PORT (default 5000) until the job ends.
import * as http from 'node:http'

const {REGISTRY_USER = '', REGISTRY_PASSWORD = '', PORT = '5000'} = process.env
const expected = `Basic ${Buffer.from(`${REGISTRY_USER}:${REGISTRY_PASSWORD}`).toString('base64')}`

http
  .createServer((request, response) => {
    const accepted = request.url === '/v2/' && request.headers.authorization === expected
    response.setHeader('Docker-Distribution-API-Version', 'registry/2.0')
    if (!accepted) response.setHeader('WWW-Authenticate', 'Basic realm="ci"')
    response.writeHead(accepted ? 200 : 401, {'Content-Type': 'application/json'})
    response.end(accepted ? '{}' : '{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}')
  })
  .listen(Number(PORT), '127.0.0.1', () => console.log(`basic registry on 127.0.0.1:${PORT}`))
