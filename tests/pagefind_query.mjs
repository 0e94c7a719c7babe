// Query a built site's Pagefind index from Node, through the same pagefind.js the browser loads.
//
//   node tests/pagefind_query.mjs SITE_DIR < queries.json > answers.json
//
// queries.json: [{"query": "石榴", "filters": {"type": "示范企业"}, "content": true}, ...]. For each
// query the answer is {"query", "count", "results": [{"url", "title", "type", "district", "excerpt"},
// ...]} with every result (not only a first page); "content": true adds each result's indexed text,
// "brief": true gives the URLs only (for queries with thousands of results). Pagefind 1.4.0's pagefind.js runs in Node as it is: outside a
// browser it fetches its files from /pagefind/…, which fetch() below serves from SITE_DIR.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";

const site = path.resolve(process.argv[2] || ".");
globalThis.fetch = async (url) => {
  const relative = String(url).replace(/[?#].*$/, "").replace(/^\/+/, "");
  const data = await readFile(path.join(site, relative));
  return {
    ok: true,
    json: async () => JSON.parse(data.toString("utf-8")),
    arrayBuffer: async () => data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength),
  };
};

const pagefind = await import(pathToFileURL(path.join(site, "pagefind", "pagefind.js")).href);
await pagefind.options({ baseUrl: "/" });
await pagefind.init();

let input = "";
for await (const chunk of process.stdin) input += chunk;
const answers = [];
for (const { query, filters, content, brief } of JSON.parse(input)) {
  const response = await pagefind.search(query, { filters: filters || {} });
  const pages = await Promise.all(response.results.map((result) => result.data()));
  answers.push({
    query,
    count: response.results.length,
    results: brief ? pages.map((page) => page.url) : pages.map((page) => ({
      url: page.url, title: page.meta.title, type: page.meta.type, district: page.meta.district || null,
      excerpt: page.excerpt, ...(content ? { content: page.content } : {}),
    })),
  });
}
process.stdout.write(JSON.stringify(answers));
