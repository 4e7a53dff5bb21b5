// The zod app (./zod-app.ts) written for NestJS on its Express platform, as such apps are: a module
// of controllers, a `@Roles(...)` decorator (SetMetadata under 'roles', as Nest's docs write it)
// and `@Public()`, a RolesGuard that reads them through the Reflector and answers 401 to anyone
// not a member of the organization in the URL, zod bodies through a pipe. The walk reads what
// `@Roles` put on each handler as `route.config.roles`. Decorators are the legacy ones
// (experimentalDecorators and emitDecoratorMetadata in the root tsconfig.json, which Vite's oxc
// transform reads too). Every injection names its token with @Inject: injection by type alone
// needs the class imported as a value, and Biome's useImportType turns an import used only in
// types into `import type`, which leaves the emitted parameter type undefined (Nest then cannot
// resolve it); the database client's type is only a type anyway.
// Two holes are planted, as in the zod app: a content read that loads the item by its id alone,
// and an invite controller without the guard.
import 'reflect-metadata'
import {
  BadRequestException,
  Body,
  type CanActivate,
  Controller,
  Delete,
  type DynamicModule,
  type ExecutionContext,
  ForbiddenException,
  Get,
  HttpCode,
  Inject,
  Injectable,
  Module,
  NotFoundException,
  Param,
  Patch,
  type PipeTransform,
  Post,
  Req,
  SetMetadata,
  UnauthorizedException,
  UseGuards,
} from '@nestjs/common'
import { NestFactory, Reflector } from '@nestjs/core'
import { ExpressAdapter } from '@nestjs/platform-express'
import type { PrismaClient } from '@tenantkit/db'
import { z } from 'zod'
import { declareRoute } from '../../src/client/declare-route.ts'

export const ROLES = ['VIEWER', 'MEMBER', 'ADMIN', 'OWNER'] as const
export type Role = (typeof ROLES)[number]

/** What the decorators below put on a handler, as the walk reads it back in `route.config`. */
export type Declared = { roles?: Role[]; isPublic?: true }

export const ROLES_KEY = 'roles'
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles)
export const IS_PUBLIC_KEY = 'isPublic'
export const Public = () => SetMetadata(IS_PUBLIC_KEY, true)

const DB = Symbol('db')

const Session = z.object({ email: z.email(), password: z.string().min(8) })
const Rename = z.object({ name: z.string().min(2).max(60) })
const NewContent = z.object({
  title: z.string().min(3).max(80),
  kind: z.enum(['article', 'note']),
  tags: z
    .array(z.string().regex(/^[a-z]+$/))
    .max(5)
    .optional(),
})
const Invite = z.object({ email: z.email(), role: z.enum(['ADMIN', 'MEMBER', 'VIEWER']) })

type Request = {
  headers: Record<string, string | undefined>
  params: Record<string, string>
  organizationId?: string
}

const rank = (role: Role) => ROLES.indexOf(role)
const userOf = (req: Request) => {
  const header = req.headers.authorization
  return header?.startsWith('Bearer token:') ? header.slice('Bearer token:'.length) : undefined
}

/** 400 unless the value passes `schema`; the parsed value replaces it. */
class ZodPipe implements PipeTransform {
  readonly schema: z.ZodType
  constructor(schema: z.ZodType) {
    this.schema = schema
  }
  transform(value: unknown) {
    const result = this.schema.safeParse(value)
    if (!result.success) throw new BadRequestException({ code: 'VALIDATION', message: result.error.message })
    return result.data
  }
}

/** The organization in the URL and the caller's role there, against the handler's `@Roles`. */
@Injectable()
class RolesGuard implements CanActivate {
  readonly reflector: Reflector
  readonly db: PrismaClient
  constructor(@Inject(Reflector) reflector: Reflector, @Inject(DB) db: PrismaClient) {
    this.reflector = reflector
    this.db = db
  }
  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()]
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets)) return true
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets) ?? ['OWNER']
    const req = context.switchToHttp().getRequest<Request>()
    const { slug, organizationSlug } = req.params
    const userId = userOf(req)
    const organization = await this.db.organization.findUnique({
      where: { slug: slug ?? organizationSlug ?? '' },
    })
    const membership =
      organization && userId
        ? await this.db.membership.findFirst({ where: { organizationId: organization.id, userId } })
        : null
    if (!organization || !membership) throw new UnauthorizedException({ code: 'NOT_A_MEMBER' })
    if (!roles.some((role) => rank(membership.role) >= rank(role)))
      throw new ForbiddenException({ code: 'FORBIDDEN' })
    req.organizationId = organization.id
    return true
  }
}

@Controller()
class AccountController {
  readonly db: PrismaClient
  constructor(@Inject(DB) db: PrismaClient) {
    this.db = db
  }
  @Get('me')
  async me(@Req() req: Request) {
    const userId = userOf(req)
    if (!userId) throw new UnauthorizedException({ code: 'UNAUTHENTICATED' })
    const memberships = await this.db.membership.findMany({
      where: { userId },
      include: { organization: true },
    })
    return { organizations: memberships.map((m) => m.organization.slug) }
  }
  @Post('sessions')
  @Public()
  session(@Body(new ZodPipe(Session)) _body: unknown) {}
}

@Controller('organization/:slug')
@UseGuards(RolesGuard)
class OrganizationController {
  readonly db: PrismaClient
  constructor(@Inject(DB) db: PrismaClient) {
    this.db = db
  }
  @Get()
  @Roles('VIEWER')
  read(@Req() req: Request) {
    return this.db.organization.findUniqueOrThrow({ where: { id: req.organizationId ?? '' } })
  }
  @Patch()
  @Roles('ADMIN')
  @HttpCode(204)
  async rename(@Req() req: Request, @Body(new ZodPipe(Rename)) body: z.infer<typeof Rename>) {
    await this.db.organization.update({ where: { id: req.organizationId ?? '' }, data: { name: body.name } })
  }
  @Get('content')
  @Roles('VIEWER')
  async content(@Req() req: Request) {
    return {
      items: await this.db.contentItem.findMany({ where: { organizationId: req.organizationId ?? '' } }),
    }
  }
  // Its body schema for the walk through the kit's declareRoute, used as a method decorator.
  @Post('content')
  @Roles('MEMBER', 'ADMIN', 'OWNER')
  @declareRoute({}, { body: NewContent })
  create(@Req() req: Request, @Body(new ZodPipe(NewContent)) body: z.infer<typeof NewContent>) {
    return this.db.contentItem.create({
      data: {
        organizationId: req.organizationId ?? '',
        authorId: userOf(req) ?? '',
        title: body.title,
        slug: `${body.title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${Date.now().toString(36)}`,
        tags: body.tags ?? [],
      },
    })
  }
}

// Every route of this controller is for viewers unless its handler says otherwise.
@Controller('organizations/:organizationSlug/content')
@UseGuards(RolesGuard)
@Roles('VIEWER')
class ContentController {
  readonly db: PrismaClient
  constructor(@Inject(DB) db: PrismaClient) {
    this.db = db
  }
  @Get(':contentId')
  async read(@Param('contentId', new ZodPipe(z.uuid())) contentId: string) {
    // Planted hole: the item is loaded by its id alone, whichever organization it is in.
    const item = await this.db.contentItem.findUnique({ where: { id: contentId } })
    if (!item) throw new NotFoundException({ code: 'NOT_FOUND' })
    return item
  }
  @Delete(':contentId')
  @Roles('ADMIN')
  @HttpCode(204)
  async remove(@Req() req: Request, @Param('contentId', new ZodPipe(z.uuid())) contentId: string) {
    const { count } = await this.db.contentItem.deleteMany({
      where: { id: contentId, organizationId: req.organizationId ?? '' },
    })
    if (count === 0) throw new NotFoundException({ code: 'NOT_FOUND' })
  }
}

// Planted hole: declared for admins, but the controller has no @UseGuards(RolesGuard).
@Controller('organizations/:organizationSlug/invites')
class InvitesController {
  @Post()
  @Roles('ADMIN')
  invite(@Body(new ZodPipe(Invite)) body: z.infer<typeof Invite>) {
    return { invited: body.email }
  }
}

@Module({
  controllers: [AccountController, OrganizationController, ContentController, InvitesController],
  providers: [RolesGuard],
})
class ZodAppModule {
  static on(db: PrismaClient): DynamicModule {
    return { module: ZodAppModule, providers: [{ provide: DB, useValue: db }] }
  }
}

/** The app on `db`, not yet init(): withApp records the routes Nest registers, then starts it. */
export function buildNestApp({ db }: { db: PrismaClient }) {
  return NestFactory.create(ZodAppModule.on(db), new ExpressAdapter(), { logger: false, abortOnError: false })
}
