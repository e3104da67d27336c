import { z } from 'zod';

/**
 * The §3.4 default payload, parsed leniently: every object keeps unknown fields (Ditto's SDK adds them and a
 * reviewer must see them), numbers may arrive as numeric strings, and only what we cannot work without —
 * the requester id that makes a submission idempotent — is required.
 */
const looseNumber = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value),
  z.number().finite(),
);
const looseBoolean = z.preprocess(
  (value) => (value === 'true' ? true : value === 'false' ? false : value),
  z.boolean(),
);
const stringList = z.array(z.string()).catch([]);

export const DittoFieldDetail = z.looseObject({
  field_name: z.string(),
  field_details: z
    .looseObject({
      field_value: z.string().nullish(),
      field_status: z.string().nullish(),
      field_source_and_values: z.record(z.string(), z.string()).nullish(),
    })
    .nullish(),
});
export type DittoFieldDetail = z.infer<typeof DittoFieldDetail>;

export const DittoKycRequest = z.looseObject({
  request_info: z.looseObject({
    requester_id: z.string().trim().min(1).max(200),
    user_id: z.string().max(320).nullish(),
    app_id: z.string().max(200).nullish(),
  }),
  kyc_info: z.looseObject({
    liveness_check: z
      .looseObject({
        video: z
          .looseObject({
            autocapture_result: z.looseObject({ selfie_image: z.string().nullish() }).nullish(),
            liveness_result: z.looseObject({ score: looseNumber.nullish() }).nullish(),
          })
          .nullish(),
      })
      .nullish(),
    face_matcher_result: z
      .looseObject({ score: looseNumber.nullish(), score_percent: looseNumber.nullish() })
      .nullish(),
    document: z
      .looseObject({
        version: z.string().nullish(),
        document_info: z
          .looseObject({
            document_type: stringList.nullish(),
            document_names: stringList.nullish(),
            field_sources: stringList.nullish(),
            field_list: stringList.nullish(),
            document_images: z.record(z.string(), z.string().nullish()).nullish(),
          })
          .nullish(),
        document_status: z
          .looseObject({
            error_list: stringList.nullish(),
            is_nfc_document: looseBoolean.nullish(),
            nfc_scan_status: z.string().nullish(),
            overall_document_status: z.string().nullish(),
          })
          .nullish(),
        identity_data: z.record(z.string(), z.unknown()).nullish(),
        identity_data_details: z.record(z.string(), z.array(DittoFieldDetail)).nullish(),
        raw_data: z.unknown(),
      })
      .nullish(),
  }),
});
export type DittoKycRequest = z.infer<typeof DittoKycRequest>;

/** OAuth2 client-credentials token request (form or JSON body). */
export const DittoTokenRequest = z.object({
  grant_type: z.string().optional(),
  client_id: z.string().max(500).optional(),
  client_secret: z.string().max(500).optional(),
});
