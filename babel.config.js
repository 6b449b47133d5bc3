// babel-preset-taro options: https://docs.taro.zone/docs/next/babel-config
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
  plugins: [
    [
      'import',
      {
        libraryName: '@nutui/nutui-react-taro',
        camel2DashComponentName: false,
        // NutUI 3.0.20 ships dist/es/packages/<lowercase>/ (not dist/esm), so point there explicitly.
        customName: (name) => `@nutui/nutui-react-taro/dist/es/packages/${name.toLowerCase()}`,
        // babel-plugin-import calls `style` with the resolved component path.
        style: (componentPath) => `${componentPath}/style/css`,
      },
      'nutui-react-taro',
    ],
  ],
};
