/** Where the local cloud pretends to be, and where its services listen (used to resolve URLs in templates). */
export interface LocalSettings {
  account: string;
  region: string;
  /** Base URL of the HTTP API stand-in (an `AWS::ApiGatewayV2::Api`'s `ApiEndpoint` resolves to it). */
  apiUrl: string;
  /** Base URL of the local identity provider (a Cognito user pool's `ProviderURL` maps to it). */
  identityUrl: string;
}

export const DEFAULT_ACCOUNT = '123456789012';
export const DEFAULT_REGION = 'us-east-1';
