/**
 * h5 chunking (issue 19). Taro splits only code shared by startup chunks (`chunks: 'initial'`), so
 * each of the ~60 page chunks carried its own copy of NutUI, dayjs and our shared components.
 * Here shared code becomes common chunks across the page chunks too, and the home page's chunks
 * are preloaded from index.html instead of being discovered after the app chunk has run.
 */
import HtmlWebpackPlugin from 'html-webpack-plugin';
import type { Compiler } from 'webpack';

const AFTER_FIRST_LOAD =
  /[\\/]node_modules[\\/](@stencil[\\/]core|platform|is-mobile)[\\/]|[\\/]@tarojs[\\/]taro-h5[\\/]dist[\\/]api[\\/]base[\\/]system\.js$/;

/** Taro's own groups (taro runtime first, then node_modules, then our code), over every chunk. */
export const H5_SPLIT_CHUNKS = {
  chunks: 'all' as const,
  hidePathInfo: true,
  // Small shared modules stay in place: a request per 2 KB costs more than the copies.
  minSize: 10_000,
  cacheGroups: {
    default: false as const,
    defaultVendors: false as const,
    // Taro's HTML components (h5.useHtmlComponents) are small modules: Image (~1.5 KB, which every
    // NutUI icon imports) fell under minSize and was copied into 52 page chunks. Shared, whatever
    // their size.
    taroHtml: {
      name: false as const,
      test: /[\\/]node_modules[\\/]@tarojs[\\/]components-react[\\/]/,
      minSize: 0,
      minChunks: 2,
      priority: 110,
      reuseExistingChunk: true,
    },
    // Small modules that the first load used to carry for every page, and that pages now load
    // after it: Stencil's runtime (Taro's tab bar is defined after the first page, src/h5/tabbar.ts,
    // and Stencil components such as Textarea need it too), taro-h5's system info with `platform`,
    // is-mobile. Under minSize, each page chunk would get its own copy; shared, whatever the size.
    afterFirstLoad: {
      name: false as const,
      // A function, not a RegExp: Stencil's lazy-entry context module has no resource to match a
      // RegExp against (12 copies of it were left), only its identifier.
      test: (module: { identifier(): string }) => AFTER_FIRST_LOAD.test(module.identifier()),
      minChunks: 2,
      priority: 120,
      reuseExistingChunk: true,
      enforce: true,
    },
    // NutUI's Button with its icons, and the helpers NutUI is compiled with: every
    // page had it from the chunk of the Dialog that each page's confirm host imported. With that
    // Dialog fetched after the first page (components/confirmDialog.h5.tsx), the pages share it in
    // different combinations, and under minSize each got its own copy (+60 KB in all). One chunk.
    nutuiCore: {
      name: 'nutui-core',
      test: /[\\/]node_modules[\\/](@swc[\\/]helpers[\\/]|@nutui[\\/]nutui-react-taro[\\/]dist[\\/]es[\\/]packages[\\/]button[\\/]|@nutui[\\/]icons-react-taro[\\/]dist[\\/]es[\\/]icons[\\/](Loading|Close|ArrowLeft|Home)\.js$)/,
      minChunks: 2,
      priority: 130,
      reuseExistingChunk: true,
      enforce: true,
    },
    taro: {
      name: false as const,
      test: /[\\/]node_modules[\\/]@tarojs[\\/]/,
      priority: 100,
      reuseExistingChunk: true,
    },
    vendors: {
      name: false as const,
      test: /[\\/]node_modules[\\/]/,
      minChunks: 2,
      priority: 10,
      reuseExistingChunk: true,
    },
    // Our shared parts (components, hooks, services, and src/h5's View that every page renders): used by most pages, they were left inlined
    // in each page chunk once a page hit webpack's limit of parallel requests (ui.tsx had 47 copies).
    // Enforced: one copy, whatever the page's request count.
    shared: {
      name: false as const,
      test: /[\\/]src[\\/](components|hooks|services|h5)[\\/]/,
      minChunks: 2,
      priority: 5,
      reuseExistingChunk: true,
      enforce: true,
    },
    common: { name: false as const, minChunks: 2, priority: 1, reuseExistingChunk: true },
  },
};

/** Adds `<link rel="preload">` for the chunks a page's dynamic import loads (the first page shown). */
export class PreloadPagePlugin {
  constructor(private readonly page: string) {}

  apply(compiler: Compiler): void {
    compiler.hooks.compilation.tap('PreloadPagePlugin', (compilation) => {
      HtmlWebpackPlugin.getHooks(compilation).alterAssetTagGroups.tap('PreloadPagePlugin', (data) => {
        const publicPath = String(compilation.outputOptions.publicPath ?? '/').replace(/auto$/, '/');
        const files = new Set<string>();
        for (const group of compilation.chunkGroups) {
          const isPage = group.origins.some((o) => (o.request ?? '').replace(/\\/g, '/').endsWith(this.page));
          if (!isPage) continue;
          for (const chunk of group.chunks) for (const file of chunk.files) files.add(file);
        }
        for (const file of files) {
          if (!file.endsWith('.js') && !file.endsWith('.css')) continue;
          data.headTags.push({
            tagName: 'link',
            voidTag: true,
            attributes: {
              rel: 'preload',
              as: file.endsWith('.css') ? 'style' : 'script',
              href: `${publicPath}${file}`,
            },
            meta: { plugin: 'PreloadPagePlugin' },
          });
        }
        return data;
      });
    });
  }
}

/**
 * GONGZHI_H5_STATS=<file>: writes each initial/home chunk's modules and sizes, to read what the first
 * load carries (issue 19: measure before cutting).
 */
export class ChunkStatsPlugin {
  constructor(private readonly file: string) {}

  apply(compiler: Compiler): void {
    compiler.hooks.done.tap('ChunkStatsPlugin', (stats) => {
      const json = stats.toJson({
        all: false,
        chunks: true,
        chunkModules: true,
        nestedModules: true,
        chunkOrigins: true,
        ids: true,
      });
      const chunks = (json.chunks ?? []).map((c) => ({
        id: c.id,
        files: c.files,
        initial: c.initial,
        size: c.size,
        origins: (c.origins ?? []).map((o) => o.request).filter(Boolean),
        modules: (c.modules ?? [])
          .flatMap((m) => (m.modules?.length ? m.modules : [m]))
          .map((m) => ({ name: m.name, size: m.size }))
          .sort((a, b) => (b.size ?? 0) - (a.size ?? 0)),
      }));
      require('node:fs').writeFileSync(this.file, JSON.stringify(chunks, null, 1));
    });
  }
}
