/**
 * A schema built at module load, marked free of side effects for the bundler: a Lambda
 * bundle then leaves out every schema its handler never reaches. Building zod schemas was
 * most of a handler's cold import beyond the AWS SDK (the records schemas alone: ~7 ms), and
 * each handler imports its feature's route module to reach one route. Registering in
 * `z.globalRegistry` inside `build` matters only to the OpenAPI document, whose handler
 * reaches every schema (every route), so nothing it needs is left out.
 */
/* @__NO_SIDE_EFFECTS__ */
export function schema<T>(build: () => T): T {
  return build();
}
