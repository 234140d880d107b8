export default async function globalTeardown(): Promise<void> {
  const services = globalThis.__LOCAL_AWS__;
  globalThis.__LOCAL_AWS__ = undefined;
  await services?.stop();
}
