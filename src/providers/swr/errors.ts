import {fieldText, isRecord, jsonBody, type ApiErrorFields, type ErrorDialect} from '../../api-errors.js'
import {header, type ApiResponse} from '../../http.js'

// How Huawei Cloud words its errors, for every Huawei API this provider calls (SWR, IAM v3 and v5).

/**
 * Code, message and request ID of a Huawei answer. Huawei's API gateway (and IAM v5 behind it) answers
 * {error_code, error_msg, request_id}; SWR itself {errors: [{errorCode, errorMessage}]}, a bare array of those, or
 * {errorCode, errorMessage}; classic IAM (v3) {error: {code, message}}, the code sometimes a number. A plain
 * {code, message} (a service or a proxy of another make) is read too. The X-Request-Id header takes precedence.
 */
export function huaweiErrorFields(response: ApiResponse): ApiErrorFields {
  const body = jsonBody(response)
  const first: unknown = Array.isArray(body) ? body[0] : body
  const obj = isRecord(first) ? first : {}
  const nested = Array.isArray(obj.errors) && isRecord(obj.errors[0]) ? obj.errors[0] : isRecord(obj.error) ? obj.error : {}
  const text = fieldText
  return {
    code: text(obj.error_code) ?? text(obj.errorCode) ?? text(obj.code) ?? text(nested.errorCode) ?? text(nested.error_code) ?? text(nested.code),
    message:
      text(obj.error_msg) ?? text(obj.errorMessage) ?? text(obj.message) ?? text(obj.errorMsg) ?? text(nested.errorMessage) ?? text(nested.error_msg) ?? text(nested.message),
    requestId: header(response, 'x-request-id') ?? text(obj.request_id)
  }
}

/** Huawei Cloud's errors: their shapes, the canonical request its gateway echoes, and its "no such API here". */
export const HUAWEI_ERRORS: ErrorDialect = {
  fields: huaweiErrorFields,
  // The gateway sends back the canonical request it computed ("…, canonicalRequest:POST\n/v2/…\nx-security-token:…"):
  // it holds the security token, and every header name signed.
  echoLabel: /,?\s*canonical[ _-]?request/i,
  // A signed header as it stands in a canonical request, no space after the colon ("x-sdk-date:2026…").
  echoUnlabelled: /\bx-(?:sdk|security)[\w-]*:(?=\S)/i,
  // The API gateway's word for "no such API at this address" (APIGW.0101, or APIG.0101).
  noSuchApi: /^APIGW?\.0101$/i
}
