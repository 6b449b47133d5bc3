import Taro from '@tarojs/taro';

const TOKEN_KEY = 'gongzhi.token';

/** The h5 build signs in through the local runtime's dev login; weapp needs no token (WX context). */
export const session = {
  token: (): string | null => (Taro.getStorageSync(TOKEN_KEY) as string) || null,
  save: (token: string): void => Taro.setStorageSync(TOKEN_KEY, token),
  clear: (): void => {
    Taro.removeStorageSync(TOKEN_KEY);
    // The last-known profile (services/profileCache.ts) belongs to this session: it goes with it.
    Taro.removeStorageSync('gongzhi.me');
  },
};

export const LOGIN_PAGE = '/pages/login/index';
export const HOME_PAGE = '/pages/index/index';
