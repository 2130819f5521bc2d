import { describe, expect, it } from 'vitest';
import { isIdCardNumber, maskPersonalData, passesLuhn } from '../../../src/ingest/personal-data.ts';

describe('maskPersonalData', () => {
  it('masks mainland mobile numbers, with or without +86 and separators', () => {
    expect(maskPersonalData('电话13812345678联系我').text).toBe('电话[手机号]联系我');
    expect(maskPersonalData('打+86 138-1234-5678').text).toBe('打[手机号]');
    expect(maskPersonalData('打 139 1234 5678 谢谢').text).toBe('打 [手机号] 谢谢');
  });

  it('leaves numbers that are not mobiles alone', () => {
    expect(maskPersonalData('订单号12812345678').text).toBe('订单号12812345678');
    expect(maskPersonalData('单号2138123456789').text).toBe('单号2138123456789');
    expect(maskPersonalData('等了2个小时').text).toBe('等了2个小时');
  });

  it('masks 18-digit ID numbers only when the check digit is right', () => {
    expect(isIdCardNumber('11010519491231002X')).toBe(true);
    expect(maskPersonalData('身份证11010519491231002X').text).toBe('身份证[身份证号]');
    expect(maskPersonalData('身份证110105194912310021号').text).toBe('身份证110105194912310021号');
  });

  it('masks bank cards that pass Luhn, in one run or groups of four', () => {
    expect(passesLuhn('6222021234567890128')).toBe(true);
    expect(maskPersonalData('卡号6222021234567890128退款').text).toBe('卡号[银行卡号]退款');
    expect(maskPersonalData('卡号 4111 1111 1111 1111 退款').text).toBe('卡号 [银行卡号] 退款');
    expect(maskPersonalData('单号4111111111111112').text).toBe('单号4111111111111112');
  });

  it('masks e-mail addresses and counts what it found', () => {
    const r = maskPersonalData('发到 zhang.san@example.com.cn 或 13900001111');
    expect(r.text).toBe('发到 [邮箱] 或 [手机号]');
    expect(r.found).toEqual({ email: 1, mobile: 1 });
  });
});
