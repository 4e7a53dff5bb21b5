// Liveness with a database round trip.
import { Type } from 'typebox'
import { Closed, ErrorResponses } from './common.ts'

export const health = {
  response: { 200: Closed({ status: Type.Literal('ok'), database: Type.Literal('ok') }), ...ErrorResponses },
}
