// Production entry: one Prisma client on DATABASE_URL, the app listening on PORT.
import { PrismaPg } from '@prisma/adapter-pg'
import { buildApp } from './app.ts'
import { PrismaClient } from './generated/prisma/client.ts'

const { DATABASE_URL, TOKEN_SECRET, PORT = '3000' } = process.env
if (!DATABASE_URL || !TOKEN_SECRET) throw new Error('DATABASE_URL and TOKEN_SECRET are required')

const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: DATABASE_URL }) })
buildApp({ db, tokenSecret: TOKEN_SECRET }).listen(Number(PORT), () => {
  console.log(`listening on ${PORT}`)
})
