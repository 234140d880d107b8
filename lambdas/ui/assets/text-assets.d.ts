// Static assets bundled as strings (esbuild's text loader; see TEXT_ASSET_LOADERS in lib/bundling.ts).
declare module '*.css' {
  const text: string;
  export default text;
}
declare module '*.ui-script.js' {
  const text: string;
  export default text;
}
