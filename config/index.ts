import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import webpack from 'webpack';
import devConfig from './dev';
import { ChunkStatsPlugin, H5_SPLIT_CHUNKS, PreloadPagePlugin } from './h5-chunks';
import prodConfig from './prod';

// weapp goes to dist/ (project.config.json's miniprogramRoot); h5 to dist-h5/ so both can coexist.
// TARO_OUTPUT_ROOT lets a test or benchmark build elsewhere without clobbering them.
const BUILD_SETTINGS = [
  'TARO_APP_CLOUD_ENV',
  'TARO_APP_TEMPLATE_REPORT_PROGRESS',
  'TARO_APP_TEMPLATE_REDEMPTION_APPROVED',
  'TARO_APP_TEMPLATE_MEETING_REMINDER',
  'TARO_APP_TEMPLATE_TOPIC_ANSWERED',
  'TARO_APP_TEMPLATE_HOURS_CONFIRMED',
];
const outputRoot = process.env.TARO_OUTPUT_ROOT ?? (process.env.TARO_ENV === 'h5' ? 'dist-h5' : 'dist');
// Pages may import pure domain constants shared with the functions; they need compiling too.
const sharedDomain = path.resolve(__dirname, '..', 'cloudfunctions', '_core', 'domain');
// h5: Taro's HTML components with NutUI's aria props spelled for the DOM (src/h5/components.ts).
const h5Dir = path.resolve(__dirname, '..', 'src', 'h5');
const h5Components = path.join(h5Dir, 'components.ts');
// h5: the router's tab bar, defined after the first page instead of before it (src/h5/tabbar.ts).
const h5Tabbar = path.join(h5Dir, 'tabbar.ts');

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'gongzhi',
    date: '2026-11-25',
    // NutUI React Taro is designed at 375; so are our pages, so one width serves both.
    designWidth: 375,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    // The benchmark builds its empty baseline app from bench/baseline with the same config.
    sourceRoot: process.env.TARO_SOURCE_ROOT ?? 'src',
    outputRoot,
    // NutUI draws its icons (spinners, the stepper's − and +, inputs' clear buttons) as <i>: the weapp
    // templates only know Taro's components, so WeChat found no `tmpl_0_i` and drew nothing.
    // @tarojs/plugin-html maps HTML tags onto mini-program templates. h5 renders <i> natively and keeps
    // its postcss untouched.
    plugins: process.env.TARO_ENV === 'h5' ? [] : ['@tarojs/plugin-html'],
    // Build-time settings read as process.env.X in src/: replaced here so no `process` reaches the
    // phone (unset ones become '' instead of a ReferenceError at run time).
    defineConstants: Object.fromEntries(
      BUILD_SETTINGS.map((key) => [`process.env.${key}`, JSON.stringify(process.env[key] ?? '')]),
    ),
    // weapp: the map pin GridMap's <Map> markers point at (WeChat wants an image file in the package).
    copy: {
      patterns: process.env.TARO_ENV === 'h5' ? [] : [{ from: 'src/assets/map/', to: `${outputRoot}/assets/map/` }],
      options: {},
    },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      compile: { include: [sharedDomain] },
      // NutUI's per-component styles are imported in different orders by different subpackages, and
      // mini-css-extract warned "Conflicting order" for each; `ignoreOrder` only silences that warning
      // (the plugin orders the CSS the same way either way; dist/ compared byte for byte, issue 19).
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        // 长辈版 and 44 px targets never smaller than on the 375 px design phone (after pxtransform; the file says why).
        './config/postcss-care-floor.cjs': { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
    },
    h5: {
      // Taro's React DOM versions of View, Text, Image, Input, Button, Picker, ScrollView, Swiper and
      // Icon instead of its Stencil web components: each `taro-*-core` element cost a hydration task
      // after React's commit (3–5 tasks of 60–150 ms at 4× CPU on the home, issue 19). The other
      // components (Textarea, Map, …) stay Stencil. h5 only: the weapp build does not read this.
      useHtmlComponents: true,
      publicPath: '/',
      // The baseline app (bench/baseline) has its own sourceRoot and still needs src/h5 compiled.
      compile: { include: [sharedDomain, h5Dir] },
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      // Shared code in common chunks across page chunks, and the home page's chunks preloaded.
      webpackChain(chain) {
        // After the platform plugin's own alias (user webpackChain runs last), in every mode.
        chain.resolve.alias.set('@tarojs/components$', h5Components);
        // Side-effect free, as the library it re-exports is: otherwise webpack keeps every component it
        // re-exports (Stencil's Textarea, Form, …) in the first chunk instead of where each is used.
        // (webpack-chain's Rule has `sideEffects` at run time; its typings lack it.)
        const rule = chain.module.rule('h5-components').test(h5Dir);
        (rule as unknown as { sideEffects(value: boolean): unknown }).sideEffects(false);
        // Only the router's own `./tabbar.js` (its index imports it by that relative name).
        chain.plugin('deferred-tabbar').use(webpack.NormalModuleReplacementPlugin, [
          /^\.\/tabbar\.js$/,
          (resource: { context?: string; request: string }) => {
            if (/[\\/]@tarojs[\\/]router[\\/]dist$/.test(resource.context ?? '')) resource.request = h5Tabbar;
          },
        ]);
        if (process.env.NODE_ENV !== 'production') return;
        chain.optimization.splitChunks(H5_SPLIT_CHUNKS);
        chain.plugin('preload-home').use(PreloadPagePlugin, ['pages/index/index']);
        if (process.env.GONGZHI_H5_STATS)
          chain.plugin('chunk-stats').use(ChunkStatsPlugin, [process.env.GONGZHI_H5_STATS]);
        if (process.env.GONGZHI_H5_SOURCEMAP) chain.devtool('hidden-source-map');
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
    },
  };
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig);
  return merge({}, baseConfig, prodConfig);
});
