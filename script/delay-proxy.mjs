#!/usr/bin/env node
// A TCP proxy that puts distance between a client and a server on loopback: every byte takes `--delay` ms each way,
// and a new connection pays one round trip before its first byte goes through, as a TCP handshake across that
// distance would. npm run bench starts one per registry host to put each registry ~2 × delay ms away.
//
//   node script/delay-proxy.mjs --delay MS LISTEN=TARGET [LISTEN=TARGET ...]
//     LISTEN, TARGET: host:port (IPv4 or a name). Prints "ready" on stdout once every LISTEN accepts; runs until killed.
//
// Only node:net, no dependencies. Bytes are forwarded as they came, in order; nothing is read or changed (TLS passes
// through untouched, so the client still checks the real server's certificate).
import * as net from 'node:net'
import {performance} from 'node:perf_hooks'

const args = process.argv.slice(2)
const at = args.indexOf('--delay')
const delay = Number(args[at + 1])
const pairs = args.filter((_, i) => at < 0 || (i !== at && i !== at + 1))
if (at < 0 || !Number.isFinite(delay) || delay < 0 || pairs.length === 0 || pairs.some(p => !p.includes('='))) {
  console.error('usage: delay-proxy.mjs --delay MS LISTEN=TARGET [LISTEN=TARGET ...] (LISTEN, TARGET: host:port)')
  process.exit(2)
}

const address = text => {
  const m = /^(.+):(\d+)$/.exec(text)
  if (!m) throw new Error(`delay-proxy: '${text}' is not host:port`)
  return {host: m[1], port: Number(m[2])}
}

/**
 * One direction of a connection: what `from` sends reaches `to` `delay` ms later, and never before `notBefore` + delay
 * (the moment the handshake would have finished). One queue, one timer: the order of the bytes and of the end is kept.
 */
function pipe(from, to, notBefore) {
  const queue = []
  let timer
  const wait = () => setTimeout(pump, Math.max(0, queue[0].at - performance.now()))
  const pump = () => {
    timer = undefined
    while (queue.length > 0 && queue[0].at <= performance.now()) {
      const {data} = queue.shift()
      if (data === null) to.end()
      else to.write(data)
    }
    if (queue.length > 0) timer = wait()
  }
  const push = data => {
    queue.push({at: Math.max(performance.now(), notBefore) + delay, data})
    if (!timer) timer = wait()
  }
  from.on('data', push)
  from.on('end', () => push(null))
  return () => clearTimeout(timer)
}

let listening = 0
for (const pair of pairs) {
  const [listen, target] = pair.split('=').map(address)
  const server = net.createServer({allowHalfOpen: true, noDelay: true}, client => {
    const accepted = performance.now()
    const server = net.connect({...target, allowHalfOpen: true, noDelay: true})
    // The client's connect() returned at once here; on a real path it would take a round trip. Its first bytes wait
    // for that round trip, then the one-way delay.
    const stops = [pipe(client, server, accepted + 2 * delay), pipe(server, client, 0)]
    const close = () => {
      stops.forEach(stop => stop())
      client.destroy()
      server.destroy()
    }
    client.on('error', close)
    server.on('error', close)
    // Both halves closed: the connection is over.
    let closed = 0
    const half = () => ++closed === 2 && close()
    client.on('close', half)
    server.on('close', half)
  })
  server.on('error', e => {
    console.error(`delay-proxy: ${pair}: ${e.message}`)
    process.exit(1)
  })
  server.listen(listen.port, listen.host, () => {
    if (++listening === pairs.length) console.log('ready')
  })
}
