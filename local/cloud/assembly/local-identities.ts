import { createHash } from 'node:crypto';
import type { TemplateResource } from './cloud-assembly.ts';
import type { LocalSettings } from './local-settings.ts';

/** What `Ref` and `Fn::GetAtt` give for one resource, locally. */
export interface ResourceIdentity {
  ref: string;
  attrs: Record<string, string>;
}

export interface IdentityInput {
  stackName: string;
  logicalId: string;
  resource: TemplateResource;
  settings: LocalSettings;
  /** The resolved value of a property, or undefined; names may themselves be intrinsics. */
  prop(name: string): unknown;
}

/** Deterministic, so a restart (or another process such as `npm run token`) derives the same names. */
function digest(text: string, length: number, alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789'): string {
  const bytes = createHash('sha256').update(text).digest();
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[bytes[i % bytes.length]! % alphabet.length];
  return out;
}

function uuidFrom(text: string): string {
  const h = createHash('sha256').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function stringProp(input: IdentityInput, name: string): string | undefined {
  const value = input.prop(name);
  return typeof value === 'string' ? value : undefined;
}

/** CloudFormation names unnamed resources `<stack>-<logicalId>-<random>`; locally the random part is dropped. */
function generatedName(input: IdentityInput, max: number): string {
  return `${input.stackName}-${input.logicalId}`.slice(0, max);
}

function bucketName(input: IdentityInput): string {
  const given = stringProp(input, 'BucketName');
  if (given) return given;
  return `${input.stackName}-${input.logicalId}`
    .toLowerCase()
    .replace(/[^a-z0-9.-]/g, '')
    .slice(0, 63)
    .replace(/[.-]+$/, '');
}

type Identify = (
  input: IdentityInput,
  arn: (service: string, resource: string) => string,
) => ResourceIdentity;

const identities: Record<string, Identify> = {
  'AWS::DynamoDB::Table': (input, arn) => tableIdentity(input, arn),
  'AWS::DynamoDB::GlobalTable': (input, arn) => tableIdentity(input, arn),
  'AWS::S3::Bucket': (input) => {
    const name = bucketName(input);
    return {
      ref: name,
      attrs: {
        Arn: `arn:aws:s3:::${name}`,
        DomainName: `${name}.s3.amazonaws.com`,
        RegionalDomainName: `${name}.s3.${input.settings.region}.amazonaws.com`,
        WebsiteURL: `http://${name}.s3-website-${input.settings.region}.amazonaws.com`,
      },
    };
  },
  'AWS::Lambda::Function': (input, arn) => {
    const name = stringProp(input, 'FunctionName') ?? generatedName(input, 64);
    return { ref: name, attrs: { Arn: arn('lambda', `function:${name}`) } };
  },
  'AWS::StepFunctions::StateMachine': (input, arn) => {
    const name = stringProp(input, 'StateMachineName') ?? generatedName(input, 80);
    const smArn = arn('states', `stateMachine:${name}`);
    return { ref: smArn, attrs: { Arn: smArn, Name: name, StateMachineRevisionId: smArn } };
  },
  'AWS::KMS::Key': (input, arn) => {
    const id = uuidFrom(`${input.stackName}/${input.logicalId}`);
    return { ref: id, attrs: { Arn: arn('kms', `key/${id}`), KeyId: id } };
  },
  'AWS::IAM::Role': (input) => {
    const name = stringProp(input, 'RoleName') ?? generatedName(input, 64);
    const roleArn = `arn:aws:iam::${input.settings.account}:role/${name}`;
    return { ref: name, attrs: { Arn: roleArn, RoleId: `AROA${digest(roleArn, 17).toUpperCase()}` } };
  },
  'AWS::Cognito::UserPool': (input, arn) => {
    const id = `${input.settings.region}_${digest(`${input.stackName}/${input.logicalId}`, 9, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789')}`;
    return {
      ref: id,
      attrs: {
        Arn: arn('cognito-idp', `userpool/${id}`),
        ProviderName: `cognito-idp.${input.settings.region}.amazonaws.com/${id}`,
        ProviderURL: `https://cognito-idp.${input.settings.region}.amazonaws.com/${id}`,
        UserPoolId: id,
      },
    };
  },
  'AWS::Cognito::UserPoolClient': (input) => {
    const id = digest(`${input.stackName}/${input.logicalId}`, 26);
    return { ref: id, attrs: { ClientId: id, Name: stringProp(input, 'ClientName') ?? id } };
  },
  'AWS::ApiGatewayV2::Api': (input) => {
    const id = digest(`${input.stackName}/${input.logicalId}`, 10);
    return { ref: id, attrs: { ApiId: id, ApiEndpoint: input.settings.apiUrl } };
  },
  'AWS::SecretsManager::Secret': (input, arn) => {
    const name = stringProp(input, 'Name') ?? generatedName(input, 256);
    const secretArn = arn('secretsmanager', `secret:${name}-${digest(name, 6)}`);
    return { ref: secretArn, attrs: { Id: secretArn } };
  },
  'AWS::SQS::Queue': (input, arn) => {
    const name = stringProp(input, 'QueueName') ?? generatedName(input, 80);
    const queueUrl = `https://sqs.${input.settings.region}.amazonaws.com/${input.settings.account}/${name}`;
    return { ref: queueUrl, attrs: { Arn: arn('sqs', name), QueueName: name, QueueUrl: queueUrl } };
  },
  'AWS::SNS::Topic': (input, arn) => {
    const name = stringProp(input, 'TopicName') ?? generatedName(input, 256);
    const topicArn = arn('sns', name);
    return { ref: topicArn, attrs: { TopicArn: topicArn, TopicName: name } };
  },
  'AWS::Logs::LogGroup': (input, arn) => {
    const name = stringProp(input, 'LogGroupName') ?? generatedName(input, 512);
    return { ref: name, attrs: { Arn: arn('logs', `log-group:${name}:*`) } };
  },
  'AWS::Events::Rule': (input, arn) => {
    const name = stringProp(input, 'Name') ?? generatedName(input, 64);
    return { ref: name, attrs: { Arn: arn('events', `rule/${name}`) } };
  },
};

function tableIdentity(
  input: IdentityInput,
  arn: (service: string, resource: string) => string,
): ResourceIdentity {
  const name = stringProp(input, 'TableName') ?? generatedName(input, 255);
  const tableArn = arn('dynamodb', `table/${name}`);
  return { ref: name, attrs: { Arn: tableArn, StreamArn: `${tableArn}/stream/1970-01-01T00:00:00.000` } };
}

/** The local name and attributes of any resource; types without a rule get `<stack>-<logicalId>` and a generic ARN. */
export function identifyResource(input: IdentityInput): ResourceIdentity {
  const { region, account } = input.settings;
  const arn = (service: string, resource: string) => `arn:aws:${service}:${region}:${account}:${resource}`;
  const rule = identities[input.resource.Type];
  if (rule) return rule(input, arn);
  const name = generatedName(input, 255);
  const service = input.resource.Type.split('::')[1]?.toLowerCase() ?? 'unknown';
  return { ref: name, attrs: { Arn: arn(service, name) } };
}
