/** What talking to a CloudBase environment from this machine needs (deploy and db:apply). */
export const REQUIRED = {
  TCB_ENV_ID: '云开发环境 ID（云开发控制台 → 环境 → 环境 ID）',
  TENCENTCLOUD_SECRETID: '腾讯云 API 密钥 SecretId（访问管理 → API 密钥管理）',
  TENCENTCLOUD_SECRETKEY: '腾讯云 API 密钥 SecretKey',
} as const;

export function missingCredentials(env: NodeJS.ProcessEnv): string[] {
  return Object.entries(REQUIRED)
    .filter(([key]) => !env[key])
    .map(([key, what]) => `${key}: ${what}`);
}
