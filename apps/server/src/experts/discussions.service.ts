// Discussion threads on compendium entries and on questions: read only where the subject is
// visible to the caller (the entry's TLP rule, the question's audience), post, reply one level
// deep, edit and delete one's own posts, hide as a moderator. A new post notifies the others who
// took part (and the asker of a question), each only if they may see the subject. All audited.
import type { Post, PostCreate, Thread } from "@bulwark/contracts";
import { type Actor, compendiumPolicy, expertsPolicy } from "@bulwark/core";
import {
  actorsOf,
  appendAudit,
  editPost as editPostRow,
  findPostFacts,
  findQuestion,
  insertNotifications,
  insertPost,
  listPosts,
  type PostRecord,
  participants,
  type Subject,
  type SubjectScopes,
  setPostState,
  subjectVisible,
} from "@bulwark/db";
import type { z } from "zod";
import { visibleEntry } from "../compendium/entries.service.ts";
import type { ServerContext } from "../context.ts";
import { invalid, notFound } from "../errors.ts";
import { must } from "./profiles.service.ts";

type Create = z.output<typeof PostCreate>;

export const scopesOf = (actor: Actor): SubjectScopes => ({
  entries: compendiumPolicy.readScope(actor),
  questions: expertsPolicy.questionScope(actor),
});

const presentPost = (caller: Actor, post: PostRecord): Post => ({
  ...post,
  state: post.state as Post["state"],
  abilities: {
    edit: expertsPolicy.changePost(caller, { authorId: post.author.id, state: post.state }).allowed,
    hide: post.state === "visible" && expertsPolicy.hidePost(caller).allowed,
  },
});

/** A subject's thread; call once the subject was found under the caller's scope. */
export async function threadOf(context: ServerContext, caller: Actor, subject: Subject): Promise<Thread> {
  const posts = await listPosts(context.db, subject);
  return {
    posts: posts.map((post) => presentPost(caller, post)),
    abilities: { post: expertsPolicy.post(caller).allowed },
  };
}

export async function entryThread(context: ServerContext, caller: Actor, slug: string): Promise<Thread> {
  const entry = await visibleEntry(context, caller, slug);
  return threadOf(context, caller, { kind: "entry", id: entry.id });
}

export async function postOnEntry(
  context: ServerContext,
  caller: Actor,
  slug: string,
  input: Create,
): Promise<Post> {
  const entry = await visibleEntry(context, caller, slug);
  return createPost(context, caller, { kind: "entry", id: entry.id }, input);
}

async function postOf(context: ServerContext, caller: Actor, subject: Subject, id: string): Promise<Post> {
  const post = (await listPosts(context.db, subject)).find((candidate) => candidate.id === id);
  if (!post) throw notFound("post");
  return presentPost(caller, post);
}

/** Post in a subject the caller may see (checked by the caller of this function). */
export async function createPost(
  context: ServerContext,
  caller: Actor,
  subject: Subject,
  input: Create,
): Promise<Post> {
  must(expertsPolicy.post(caller));
  const parentId = input.parentId ?? null;
  if (parentId) {
    const parent = await findPostFacts(context.db, parentId);
    if (!parent || parent.subject.kind !== subject.kind || parent.subject.id !== subject.id)
      throw invalid("Reply to a post of this discussion.", [
        { path: "body.parentId", message: "not in this discussion" },
      ]);
    if (parent.parentId !== null)
      throw invalid("Replies go one level deep: reply to the post this one answers.", [
        { path: "body.parentId", message: "is a reply" },
      ]);
  }
  const now = context.clock();
  const candidates = await actorsOf(context.db, await participants(context.db, subject, caller.userId));
  const recipients: Actor[] = [];
  for (const candidate of candidates)
    if (await subjectVisible(context.db, scopesOf(candidate), subject)) recipients.push(candidate);
  const askerId = subject.kind === "question" ? await askerOf(context, subject.id) : null;
  const id = await context.db.transaction(async (tx) => {
    const created = await insertPost(
      tx,
      { subject, parentId, authorId: caller.userId, body: input.body },
      now,
    );
    await insertNotifications(
      tx,
      recipients.map((recipient) => ({
        userId: recipient.userId,
        kind: recipient.userId === askerId && parentId === null ? "answer" : "reply",
        postId: created,
        actorId: caller.userId,
      })),
      now,
    );
    await appendAudit(
      tx,
      {
        actorId: caller.userId,
        action: subject.kind === "question" && parentId === null ? "question.answer" : "discussion.post",
        targetType: "discussion-post",
        targetId: created,
        details: { subject: subject.kind, subjectId: subject.id, parentId, notified: recipients.length },
      },
      now,
    );
    return created;
  });
  return postOf(context, caller, subject, id);
}

/** Unscoped: who asked a question (to tell "an answer to your question" from "a reply"). */
async function askerOf(context: ServerContext, questionId: string): Promise<string | null> {
  const question = await findQuestion(context.db, { kind: "all" }, questionId);
  return question?.asker.id ?? null;
}

/** A post whose subject the caller may see, or 404. */
async function visiblePost(context: ServerContext, caller: Actor, id: string) {
  const post = await findPostFacts(context.db, id);
  if (!post || !(await subjectVisible(context.db, scopesOf(caller), post.subject))) throw notFound("post");
  return post;
}

export async function editPost(
  context: ServerContext,
  caller: Actor,
  id: string,
  body: string,
): Promise<Post> {
  const post = await visiblePost(context, caller, id);
  must(expertsPolicy.changePost(caller, post));
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    await editPostRow(tx, id, body, now);
    await appendAudit(
      tx,
      { actorId: caller.userId, action: "discussion.edit", targetType: "discussion-post", targetId: id },
      now,
    );
  });
  return postOf(context, caller, post.subject, id);
}

export async function deletePost(context: ServerContext, caller: Actor, id: string): Promise<undefined> {
  const post = await visiblePost(context, caller, id);
  must(expertsPolicy.changePost(caller, post));
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    await setPostState(tx, id, "removed");
    await appendAudit(
      tx,
      { actorId: caller.userId, action: "discussion.delete", targetType: "discussion-post", targetId: id },
      now,
    );
  });
}

export async function hidePost(context: ServerContext, caller: Actor, id: string): Promise<undefined> {
  const post = await visiblePost(context, caller, id);
  must(expertsPolicy.hidePost(caller));
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    await setPostState(tx, id, "hidden");
    await appendAudit(
      tx,
      {
        actorId: caller.userId,
        action: "discussion.hide",
        targetType: "discussion-post",
        targetId: id,
        details: { subject: post.subject.kind, subjectId: post.subject.id },
      },
      now,
    );
  });
}
