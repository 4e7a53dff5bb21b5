// Asks the OS for a free TCP port on loopback, so two runs on one machine never collide.
import { type AddressInfo, createServer } from 'node:net'

export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      // A TCP listener's address is always an AddressInfo (a string only for pipes).
      const { port } = server.address() as AddressInfo
      server.close(() => resolve(port))
    })
  })
}
