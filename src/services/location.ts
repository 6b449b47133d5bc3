import Taro from '@tarojs/taro';
import gcoord from 'gcoord';

export interface PickedPlace {
  /** GCJ-02, what WeChat's map and the grid outlines use. */
  latitude: number;
  longitude: number;
  /** The POI name and street address chooseLocation gives; empty in h5 (the resident types or picks one). */
  address: string;
}

/** Browser positions are WGS84; China's maps (and our grid outlines) are GCJ-02, ~500 m apart in places. */
export function wgs84ToGcj02(latitude: number, longitude: number): { latitude: number; longitude: number } {
  const [lng, lat] = gcoord.transform([longitude, latitude], gcoord.WGS84, gcoord.GCJ02) as [number, number];
  return { latitude: Math.round(lat * 1e6) / 1e6, longitude: Math.round(lng * 1e6) / 1e6 };
}

function browserPosition(): Promise<GeolocationPosition> {
  return new Promise((resolve, reject) => {
    if (typeof navigator === 'undefined' || !navigator.geolocation) {
      reject(new Error('此浏览器不能定位，请手动选择楼栋或填写地址'));
      return;
    }
    navigator.geolocation.getCurrentPosition(
      resolve,
      (error) => {
        reject(
          new Error(
            error.code === error.PERMISSION_DENIED
              ? '未允许定位，请在浏览器设置中允许，或手动选择楼栋'
              : '暂时无法定位，请手动选择楼栋或填写地址',
          ),
        );
      },
      { enableHighAccuracy: true, timeout: 10_000, maximumAge: 60_000 },
    );
  });
}

/**
 * Where the problem is. weapp: WeChat's map picker (wx.chooseLocation: map, search and POIs, in
 * GCJ-02). h5: Taro's getLocation only knows WGS84 there (and rejects gcj02), so the browser's
 * position is taken directly and converted. Null when the person cancelled the picker.
 */
export async function pickPlace(): Promise<PickedPlace | null> {
  if (process.env.TARO_ENV === 'weapp') {
    try {
      const picked = await Taro.chooseLocation({});
      return {
        latitude: picked.latitude,
        longitude: picked.longitude,
        address: `${picked.name || ''} ${picked.address || ''}`.trim().slice(0, 100),
      };
    } catch (error) {
      if (/cancel/i.test((error as { errMsg?: string }).errMsg ?? '')) return null;
      throw new Error('未能打开地图选点，请手动选择楼栋或填写地址');
    }
  }
  const position = await browserPosition();
  return { ...wgs84ToGcj02(position.coords.latitude, position.coords.longitude), address: '' };
}
