// Newline-delimited JSON-RPC 2.0 on stdin/stdout, the way the Prisma CLI talks to its schema
// engine. Requests run one at a time in arrival order: the Wasm engine's methods take `&mut self`
// and must not overlap. The engine side may call back into the CLI (method `print`).
import { createInterface } from 'node:readline'
import type { Readable } from 'node:stream'

type RpcId = number | string

export type RpcError = { code: number; message: string; data?: unknown }

export type RpcOutcome = { result: unknown } | { error: RpcError }

/** Requests the engine side sends to the CLI while it handles one. */
export type RpcPeer = { request(method: string, params: unknown): Promise<unknown> }

type RpcHandler = (method: string, params: unknown, peer: RpcPeer) => Promise<RpcOutcome>

export type ServeOptions = {
  input: Readable
  write: (line: string) => void
  handle: RpcHandler
}

type Message = {
  jsonrpc?: unknown
  id?: RpcId | null
  method?: unknown
  params?: unknown
  result?: unknown
  error?: RpcError
}

/** Serves requests until `input` ends and every request has been answered. */
export async function serveJsonRpc({ input, write, handle }: ServeOptions): Promise<void> {
  const send = (message: object) => write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`)
  const pending = new Map<RpcId, { resolve: (value: unknown) => void; reject: (error: Error) => void }>()
  let nextId = 1
  const peer: RpcPeer = {
    request(method, params) {
      // Ids of our own requests live in their own range; the CLI echoes them back.
      const id = `bridge-${nextId++}`
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject })
        send({ id, method, params })
      })
    },
  }
  let queue: Promise<void> = Promise.resolve()
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })
  for await (const line of lines) {
    if (line.trim() === '') continue
    let message: Message
    try {
      message = JSON.parse(line) as Message
    } catch {
      send({ id: null, error: { code: -32700, message: 'Parse error' } })
      continue
    }
    if (typeof message.method !== 'string') {
      // A response to one of our requests.
      const waiting = message.id == null ? undefined : pending.get(message.id)
      if (!waiting || message.id == null) continue
      pending.delete(message.id)
      if (message.error) waiting.reject(new Error(message.error.message))
      else waiting.resolve(message.result)
      continue
    }
    const { id, method, params } = message
    if (id === undefined || id === null) continue // notifications need no answer, and none exist
    queue = queue.then(async () => {
      const outcome = await handle(method, params, peer)
      send({ id, ...outcome })
    })
  }
  await queue
  for (const { reject } of pending.values()) reject(new Error('The CLI closed the connection.'))
}
