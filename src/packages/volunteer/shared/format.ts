/** "19 小时 10 分钟" from minutes. */
export const hoursText = (minutes: number): string => {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? `${h} 小时 ${m} 分钟` : `${h} 小时`;
};

export const starsText = (stars: number): string => (stars > 0 ? '★'.repeat(stars) : '暂未评星');
