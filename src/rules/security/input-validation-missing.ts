import { defineRule, fail, pass, plural } from '../../core/rule.js';
import type { FixKey } from '../../core/rule.js';
import { fixKeyForFramework } from '../../core/rule-support/frameworks.js';
import type { Framework } from '../../facts/fact-map.js';

export default defineRule({
  meta: {
    id: 'input-validation-missing',
    area: 'security',
    severity: 'medium',
    title: 'Request bodies are validated against a schema',
    failureTitle: 'Handlers use request bodies without validating them',
    why:
      'A handler that reads the body raw (`await request.json()`, `request.get_json()`, `req.body`, a `dict` parameter) accepts any shape: missing fields become 500s, a string where a number was expected reaches the database, and extra keys such as `is_admin` or `role` flow into `Model(**data)` or `User.create(req.body)` (mass assignment). ' +
      'A schema at the boundary (pydantic, marshmallow, Django forms/serializers, zod, joi, class-validator with a ValidationPipe, a Fastify route schema) rejects bad input with a 400 before any code runs. A handler counts as validated when any function it runs calls such a validator, or its route carries a validating middleware or schema.',
    fix: {
      default: 'Declare the body\'s shape as a schema and validate it at the start of the handler (or in route middleware), answering 400 on failure; then use only the validated object.',
      fastapi: 'Type the body with a pydantic model instead of `dict` or `await request.json()`: `async def create(item: ItemIn): ...` with `class ItemIn(BaseModel): name: str = Field(max_length=100)`.',
      flask: '`data = ItemSchema().load(request.get_json())` (marshmallow) or `ItemIn.model_validate(request.get_json())` (pydantic), returning 400 on `ValidationError`; Flask-WTF forms: `if form.validate_on_submit(): ...`.',
      django: 'Use a form or DRF serializer: `s = ItemSerializer(data=request.data); s.is_valid(raise_exception=True)`, not `json.loads(request.body)`.',
      express: '`const body = ItemIn.parse(req.body)` (zod) or an express-validator chain on the route: `app.post("/items", body("name").isString().isLength({ max: 100 }), handler)` with `validationResult(req)`.',
      fastify: 'Give the route a JSON schema: `fastify.post("/items", { schema: { body: ItemIn } }, handler)`; Fastify rejects invalid bodies with 400.',
      nestjs: 'Type `@Body()` with a DTO class using class-validator decorators and enable `app.useGlobalPipes(new ValidationPipe({ whitelist: true }))`.',
      nextjs: '`const body = ItemIn.safeParse(await request.json()); if (!body.success) return Response.json(body.error.flatten(), { status: 400 })`.',
    },
    examples: {
      bad: '@app.post("/items")\nasync def create(request: Request):\n    data = await request.json()\n    return await db.insert(data)',
      good: 'class ItemIn(BaseModel):\n    name: str\n\n@app.post("/items")\nasync def create(item: ItemIn):\n    return await db.insert(item.model_dump())',
      lang: 'python',
    },
    effort: 'hours',
    appliesTo: ['py', 'node'],
    needs: ['inputValidation'],
    confidence: 'medium',
  },
  check({ inputValidation }) {
    const { issues, safe } = inputValidation;
    if (issues.length === 0) {
      return pass(safe.length ? `${plural(safe.length, 'handler')} reading request bodies validate${safe.length === 1 ? 's' : ''} them` : 'No handler reads a raw request body', safe);
    }
    return fail(
      issues.map((i) => ({
        message: i.message,
        evidence: [i.evidence, ...(i.related ?? [])],
        ...(i.stack ? { stack: fixKeyForFramework(i.stack as Framework) as FixKey } : {}),
      })),
    );
  },
});
