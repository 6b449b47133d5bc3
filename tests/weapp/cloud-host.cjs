// A warm CloudBase function instance for the weapp runtime: loads each BUILT bundle
// (cloudfunctions/<name>/index.js, the bytes DevTools uploads) once, like a warm SCF container,
// and runs `main(event, context)` for every call the simulated wx.cloud.callFunction sends.
// The parent sets the environment CloudBase gives a function (TCB_CONTEXT_CNFG → the loopback,
// TENCENTCLOUD, SCF_NAMESPACE, credentials); per call it sets the caller's WX_* variables, as the
// platform does for a call from the mini-program, and passes them in context.environment too.
// `now` moves this process's clock (the journeys need an activity to have ended): Date is patched.
const path = require('node:path');

const RealDate = Date;
let offset = 0;
class ShiftedDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(RealDate.now() + offset);
    else super(...args);
  }
  static now() {
    return RealDate.now() + offset;
  }
}
global.Date = ShiftedDate;

const root = path.resolve(__dirname, '..', '..', 'cloudfunctions');
const loaded = new Map();
const bundle = (name) => {
  if (!/^[a-z]+$/.test(name)) throw new Error(`no function ${name}`);
  if (!loaded.has(name)) loaded.set(name, require(path.join(root, name, 'index.js')));
  return loaded.get(name);
};

// CloudBase refuses a call whose JSON body is over 100 KB (cloudfunctions/_core/runtime/limits.ts,
// CALL_BODY_MAX_BYTES; tests/functions/call-body-cap.test.ts keeps the two equal): the function never runs.
const CALL_BODY_MAX_BYTES = 100 * 1024;

process.on('message', async ({ id, name, event, openid, appid, now }) => {
  try {
    const bytes = Buffer.byteLength(JSON.stringify(event), 'utf8');
    if (bytes > CALL_BODY_MAX_BYTES) {
      process.send({
        id,
        error: `EXCEED_MAX_PAYLOAD_SIZE: request body ${bytes} bytes exceeds ${CALL_BODY_MAX_BYTES}`,
      });
      return;
    }
    if (typeof now === 'number') offset = now - RealDate.now();
    const wx = openid ? { WX_OPENID: openid, WX_APPID: appid, WX_UNIONID: '' } : {};
    for (const key of ['WX_OPENID', 'WX_APPID', 'WX_UNIONID']) delete process.env[key];
    Object.assign(process.env, wx, openid ? { WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID' } : {});
    const context = {
      request_id: `req-${id}`,
      function_name: name,
      namespace: process.env.SCF_NAMESPACE,
      environment: JSON.stringify({ ...wx, TCB_ENV: process.env.SCF_NAMESPACE }),
    };
    const result = await bundle(name).main(event, context);
    process.send({ id, result });
  } catch (error) {
    process.send({ id, error: String(error?.stack ?? error) });
  }
});
process.send({ ready: true });
