/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.svg';
declare module '*.css';
declare module '*.scss';

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV?: 'development' | 'production' | 'test';
    TARO_ENV?: 'weapp' | 'h5' | string;
    TARO_APP_ID?: string;
    /** The CloudBase environment the weapp build calls. */
    TARO_APP_CLOUD_ENV?: string;
    /** Subscription-message template ids, per message kind. */
    TARO_APP_TEMPLATE_REPORT_PROGRESS?: string;
    TARO_APP_TEMPLATE_REDEMPTION_APPROVED?: string;
    TARO_APP_TEMPLATE_MEETING_REMINDER?: string;
    TARO_APP_TEMPLATE_TOPIC_ANSWERED?: string;
    TARO_APP_TEMPLATE_HOURS_CONFIRMED?: string;
  }
}
