// Vite's `?url` imports: the file is emitted as an asset and its address is the default export.
declare module "*?url" {
  const url: string;
  export default url;
}
