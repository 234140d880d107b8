// Reference: the smallest possible handler. Its import time is the floor of the
// measuring method itself (Node's ESM loader reading and linking one file).
export const handler = async (): Promise<{ statusCode: number; body: string }> => ({
  statusCode: 200,
  body: 'hello, world',
});
