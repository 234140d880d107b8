// Jest: the admin UI's static assets as strings, like esbuild's text loader in the Lambda bundles.
module.exports = {
  process(source) {
    return { code: `module.exports = ${JSON.stringify(source)};` };
  },
};
