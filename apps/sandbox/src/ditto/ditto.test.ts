import { describe, expect, it } from 'vitest';
import { dittoDecrypt, dittoEncrypt } from './aes';
import { locate } from './client';
import type { DittoAesConfig } from './config';
import { placeholderImageBase64 } from './images';
import { buildKycPayload, DITTO_SCENARIOS } from './scenarios';

describe('Ditto sandbox building blocks', () => {
  it('every scenario has a unique requester_id and the §3.4 shape', () => {
    const ids = new Set<string>();
    for (const scenario of DITTO_SCENARIOS) {
      const payload = buildKycPayload(scenario);
      ids.add(payload.request_info.requester_id);
      expect(payload.kyc_info.document.version).toBe('3.0');
      expect(payload.kyc_info.document.identity_data_details['0'].length).toBeGreaterThan(0);
    }
    expect(ids.size).toBe(DITTO_SCENARIOS.length);
    expect(buildKycPayload('expired_document').kyc_info.document.document_status).toMatchObject({
      overall_document_status: 'ERROR',
      error_list: ['Expired Document'],
    });
    expect(buildKycPayload('face_mismatch').kyc_info.face_matcher_result).toEqual({
      score: 0.0002,
      score_percent: 0,
    });
  });

  it('images are real PNGs, tiny by default and multi-MB on request', () => {
    const tiny = Buffer.from(placeholderImageBase64([1, 2, 3]), 'base64');
    expect(tiny.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(tiny.length).toBeLessThan(200);
    expect(Buffer.from(placeholderImageBase64([1, 2, 3], 1_000_000), 'base64').length).toBeGreaterThan(
      1_000_000,
    );
  });

  it('locators are dot paths', () => {
    expect(locate({ a: { b: true } }, 'a.b')).toBe(true);
    expect(locate({ a: 1 }, 'a.b')).toBeUndefined();
  });

  it('AES round-trips (CBC with hand-made PKCS5 padding, GCM with the tag appended)', () => {
    for (const cipherSpec of ['AES/CBC/PKCS5Padding', 'AES/GCM/NoPadding'] as const) {
      const config: DittoAesConfig = {
        enable: true,
        algorithm: 'AES',
        key: '0123456789abcdef',
        ivParamSpec: cipherSpec === 'AES/GCM/NoPadding' ? 'abcdefghijkl' : 'abcdefghijklmnop',
        cipherSpec,
        blockSizeBytes: 16,
        keyEncoding: 'utf8',
      };
      for (const text of ['', '{}', 'x'.repeat(16), 'Bērziņa'])
        expect(dittoDecrypt(dittoEncrypt(text, config), config)).toBe(text);
    }
  });
});
