import {fieldText, isRecord, jsonBody, type ApiErrorFields, type ErrorDialect} from '../../api-errors.js'
import {header, type ApiResponse} from '../../http.js'

// How Alibaba Cloud words its errors, for every Alibaba API this provider calls (ACR, STS).

/**
 * Code, message and request ID of an Alibaba answer: {Code, Message, RequestId} from RPC APIs (ACR Enterprise
 * Edition, STS), {code, message, requestId} from some ROA APIs (ACR Personal Edition); the code sometimes a number.
 * The x-acs-request-id header takes precedence.
 */
export function alibabaErrorFields(response: ApiResponse): ApiErrorFields {
  const body = jsonBody(response)
  const obj = isRecord(body) ? body : {}
  const text = fieldText
  return {
    code: text(obj.Code) ?? text(obj.code),
    message: text(obj.Message) ?? text(obj.message),
    requestId: header(response, 'x-acs-request-id') ?? text(obj.RequestId) ?? text(obj.requestId)
  }
}

/** Alibaba Cloud's errors: their shapes, the string to sign it echoes, and its "no such API here". */
export const ALIBABA_ERRORS: ErrorDialect = {
  fields: alibabaErrorFields,
  // The API sends back the string to sign it computed ("… server string to sign is:POST&%2F&…SecurityToken%3D…"): it
  // holds the security token, and every parameter signed.
  echoLabel: /,?\s*(?:server )?string[ _-]?to[ _-]?sign/i,
  // Without its label: a signed header as it stands in an ROA string to sign ("x-acs-security-token:…", no space after
  // the colon), or an RPC string to sign ("POST&%2F&").
  echoUnlabelled: /\bx-acs[\w-]*:(?=\S)|\b(?:GET|POST)&%2F/i,
  // The API gateway's (POP's) word for "no such API at this address".
  noSuchApi: /^(?:InvalidAction\.NotFound|InvalidApi\.NotFound)$/i
}
