// A tiny HTTP server on 127.0.0.1 (a free port) for the unit tests of the cloud API clients: it records every request
// it gets and answers each with what the test's script says, or not at all.
import * as http from 'node:http'
import type {AddressInfo, Socket} from 'node:net'

export interface Received {
  method: string
  /** Path and query, as sent. */
  url: string
  headers: http.IncomingHttpHeaders
  body: string
}

/** An answer; 'hang' accepts the request and never answers; 'headers-only' sends the head and never ends the body. */
export type Reply = {status: number; headers?: Record<string, string>; body?: string} | 'hang' | 'headers-only'

export class LocalServer {
  readonly received: Received[] = []
  private readonly sockets = new Set<Socket>()

  private constructor(
    private readonly server: http.Server,
    /** Gets the request and its 1-based number. */
    public script: (request: Received, n: number) => Reply
  ) {}

  static async start(script: (request: Received, n: number) => Reply): Promise<LocalServer> {
    const server = http.createServer()
    const local = new LocalServer(server, script)
    server.on('connection', socket => {
      local.sockets.add(socket)
      socket.on('close', () => local.sockets.delete(socket))
    })
    server.on('request', (req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (chunk: Buffer) => chunks.push(chunk))
      req.on('end', () => {
        const received: Received = {
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8')
        }
        local.received.push(received)
        const reply = local.script(received, local.received.length)
        if (reply === 'hang') return
        if (reply === 'headers-only') {
          res.writeHead(200, {'content-type': 'application/json'})
          res.write('{"auths":')
          return
        }
        res.writeHead(reply.status, {'content-type': 'application/json', ...(reply.headers ?? {})})
        res.end(reply.body ?? '')
      })
    })
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    return local
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port
  }

  /** http://127.0.0.1:<port>/ */
  get url(): URL {
    return new URL(`http://127.0.0.1:${this.port}/`)
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy()
    await new Promise<void>(resolve => this.server.close(() => resolve()))
  }
}

/** A port on 127.0.0.1 that nothing listens on (a server was there a moment ago): connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const server = http.createServer()
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const {port} = server.address() as AddressInfo
  await new Promise<void>(resolve => server.close(() => resolve()))
  return port
}

/** A mask that records what it gets, and whether the function under test had returned by then. */
export function maskRecorder(): {mask: (secret: string) => void; masked: string[]; late: string[]; done: () => void} {
  const masked: string[] = []
  const late: string[] = []
  let returned = false
  return {
    masked,
    late,
    mask: secret => {
      if (returned) late.push(secret)
      masked.push(secret)
    },
    done: () => {
      returned = true
    }
  }
}

/**
 * A `serve(script)` for a test file or describe block: starts a LocalServer answering request n with script(n), and
 * closes whatever it started after each test.
 */
export function localServers(): (script: (n: number) => Reply) => Promise<LocalServer> {
  let started: LocalServer[] = []
  afterEach(async () => {
    for (const server of started) await server.close()
    started = []
  })
  return async script => {
    const server = await LocalServer.start((_request, n) => script(n))
    started.push(server)
    return server
  }
}
