/**
 * Stand-in for `jsvm_all.js`. Like the real script it is a classic (non-module) script that defines
 * a synchronous global `getMetaInfo()` returning an **object** (the page must `JSON.stringify` it
 * for `MetaInfo`). The fields follow the seeds' MetaInfo example; values come from the user agent.
 * Written in ES5 because the real script runs on old in-app browsers too.
 */
export const JSVM_SCRIPT = `/* aliyun-face-verify emulator: stand-in for jsvm_all.js (no device fingerprinting). */
(function (global) {
  'use strict';
  var apdidToken = '';
  function randomToken() {
    var bytes = [];
    var i;
    if (global.crypto && typeof global.crypto.getRandomValues === 'function') {
      var buf = new Uint8Array(16);
      global.crypto.getRandomValues(buf);
      for (i = 0; i < buf.length; i++) bytes.push(buf[i]);
    } else {
      for (i = 0; i < 16; i++) bytes.push(Math.floor(Math.random() * 256));
    }
    var out = '';
    for (i = 0; i < bytes.length; i++) out += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
    return out;
  }
  function describe(ua) {
    var m;
    if ((m = /(iPhone|iPad|iPod).*? OS (\\d+)[_.](\\d+)(?:[_.](\\d+))?/.exec(ua))) {
      return { os: 'iOS ' + m[2] + '.' + m[3] + (m[4] ? '.' + m[4] : ''), model: m[1], mobile: true };
    }
    if ((m = /OpenHarmony ([\\d.]+)/.exec(ua))) {
      return { os: 'HarmonyOS ' + m[1], model: 'HarmonyOS', mobile: true };
    }
    if ((m = /Android ([\\d.]+);\\s*([^;)]*)/.exec(ua))) {
      var model = m[2].replace(/\\s*Build\\/.*$/, '') || 'Android';
      return { os: 'Android ' + m[1], model: model, mobile: true };
    }
    if ((m = /Windows NT ([\\d.]+)/.exec(ua))) return { os: 'Windows NT ' + m[1], model: 'PC', mobile: false };
    if ((m = /Mac OS X ([\\d_]+)/.exec(ua))) {
      return { os: 'Mac OS X ' + m[1].replace(/_/g, '.'), model: 'Mac', mobile: false };
    }
    if (/Linux/.test(ua)) return { os: 'Linux', model: 'PC', mobile: false };
    return { os: 'unknown', model: 'unknown', mobile: false };
  }
  function getMetaInfo() {
    var ua = (global.navigator && global.navigator.userAgent) || '';
    var d = describe(ua);
    if (!apdidToken) apdidToken = randomToken();
    return {
      zimVer: '3.0.0',
      appVersion: '1',
      bioMetaInfo: '4.1.0:11501568,0',
      appName: 'com.aliyun.antcloudauth',
      deviceType: 'h5',
      osVersion: d.os,
      apdidToken: apdidToken,
      deviceModel: d.model,
      ua: ua
    };
  }
  global.getMetaInfo = getMetaInfo;
})(typeof window !== 'undefined' ? window : typeof self !== 'undefined' ? self : this);
`;
