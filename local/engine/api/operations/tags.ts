import { ResourceNotFoundError } from '../../runtime/errors.ts';
import type { ServiceContext } from './context.ts';
import { required } from './paging.ts';

function existing(context: ServiceContext, resourceArn: string | undefined) {
  const arn = required(resourceArn, 'resourceArn');
  if (!context.runtime.store.getStateMachine(arn))
    throw new ResourceNotFoundError(`Resource not found: '${arn}'`);
  return arn;
}

export function tagResource(
  context: ServiceContext,
  input: { resourceArn: string; tags: Array<{ key: string; value: string }> },
) {
  context.runtime.store.putTags(existing(context, input.resourceArn), input.tags ?? []);
  return {};
}

export function untagResource(context: ServiceContext, input: { resourceArn: string; tagKeys: string[] }) {
  context.runtime.store.removeTags(existing(context, input.resourceArn), input.tagKeys ?? []);
  return {};
}

export function listTagsForResource(context: ServiceContext, input: { resourceArn: string }) {
  return { tags: context.runtime.store.tags(existing(context, input.resourceArn)) };
}
