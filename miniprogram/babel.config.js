// babel-preset-taro compiles TS/TSX for both targets (types are checked by `npm run typecheck`, not here).
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
};
