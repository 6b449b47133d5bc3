/** Chinese names of the steps an application goes through, for the progress list. */
export const STEP_LABELS: Record<string, string> = {
  submit: '提交申请',
  accept: '窗口受理',
  supplement: '告知补正',
  supply: '补交材料',
  approve: '办结',
  refuse: '不予办理',
  collect: '已领取',
};

export const KIND_TABS = [
  { id: 'statutory', label: '法定办理' },
  { id: 'resident', label: '为民服务' },
  { id: 'seal', label: '印章使用' },
] as const;
