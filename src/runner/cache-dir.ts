import envPaths from "env-paths";

/** The user cache folder (`WEB2CODE_CACHE_DIR` overrides), e.g. ~/.cache/web2code-eval on Linux. */
export function cacheDir(): string {
  return process.env.WEB2CODE_CACHE_DIR ?? envPaths("web2code-eval", { suffix: "" }).cache;
}
