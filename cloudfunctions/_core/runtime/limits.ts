/**
 * CloudBase refuses a cloud-function call whose text (JSON) body is over 100 KB, answering
 * EXCEED_MAX_PAYLOAD_SIZE ("Maximum request body size limit for cloud functions: 100KB for text
 * type, 6MB for other types", docs.cloudbase.net/en/error-code/service/EXCEED_MAX_PAYLOAD_SIZE);
 * WeChat's Cloud.callFunction page gives the same 100 KB as the size above which a field should go
 * through wx.cloud.CDN. Read as KiB here. The local gateway and the weapp runtime's cloud host
 * refuse what CloudBase would refuse, so an oversized call fails in tests, not first in production.
 */
export const CALL_BODY_MAX_BYTES = 100 * 1024;
