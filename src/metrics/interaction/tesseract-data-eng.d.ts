// @tesseract.js-data/eng ships no types: the shape of its index.js.
declare module "@tesseract.js-data/eng" {
  const eng: { code: string; gzip: boolean; langPath: string };
  export default eng;
}
