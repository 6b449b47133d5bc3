// babel-preset-taro options: https://docs.taro.zone/docs/next/babel-config
module.exports = {
  presets: [
    [
      'taro',
      {
        framework: 'react',
        ts: true,
        compiler: 'webpack5',
        // h5 only (issue 19): the browsers that open it (WeChat's in-app browser is Chromium 86+ on
        // Android, WebKit on iOS 12+) run async/await, classes and spread natively; compiling them
        // down for Android 4.1 made our code larger and slower to run. weapp keeps the browserslist.
        ...(process.env.TARO_ENV === 'h5' ? { targets: { chrome: '80', ios: '13' } } : {}),
      },
    ],
  ],
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
    // h5 (issue 19): icons from their own files. The package's index is marked as having side
    // effects, so importing through it made every chunk that shows one icon carry every icon the
    // app uses (the home's first paint waited for the function grid's 23 pictures).
    ...(process.env.TARO_ENV === 'h5'
      ? [
          [
            'import',
            {
              libraryName: '@nutui/icons-react-taro',
              camel2DashComponentName: false,
              customName: (name) => `@nutui/icons-react-taro/dist/es/icons/${name}`,
            },
            'nutui-icons-react-taro',
          ],
        ]
      : []),
  ],
};
