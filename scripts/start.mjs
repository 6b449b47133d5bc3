// npm start: build the h5 app (unless SKIP_H5_BUILD=1) and run the local runtime in one process.
import { spawnSync } from 'node:child_process';

const run = (command, args, env = {}) => {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

if (process.env.SKIP_H5_BUILD !== '1') {
  console.log('构建 h5 … (SKIP_H5_BUILD=1 跳过)');
  run('npx', ['taro', 'build', '--type', 'h5'], { NODE_ENV: 'production' });
}
run('npx', ['tsx', 'local/main.ts']);
