/**
 * Questions to the person (ask-person.ts) as MCP Multi Round-Trip Requests (2026-07-28): asked as a form
 * elicitation inside an `input_required` answer, read back from the retried call's `inputResponses`. Only a
 * client that declared elicitation in its request's capabilities is asked: it is the one that can show
 * the question (the specification has no other flag for it).
 */
import { CLIENT_CAPABILITIES_META_KEY, inputRequired, inputResponse, type ClientCapabilities, type InputRequiredResult, type ServerContext } from '@modelcontextprotocol/server';
import type { PersonAsker, Question } from './ask-person.js';

/** { ask } for a 2026-07-28 request whose client declared elicitation, else {} */
export function askerFor(context: ServerContext): { ask?: PersonAsker } {
  const envelope = context.mcpReq.envelope as Record<string, ClientCapabilities | undefined> | undefined;
  if (!envelope?.[CLIENT_CAPABILITIES_META_KEY]?.elicitation) return {};
  const responses = context.mcpReq.inputResponses;
  return {
    ask: {
      answerTo: (key) => {
        const answer = inputResponse(responses, key);
        if (answer.kind === 'missing') return undefined;
        if (answer.kind !== 'elicit' || answer.action !== 'accept') return 'declined';
        const value = answer.content?.[key];
        return typeof value === 'string' ? value : 'declined';
      },
    },
  };
}

/** the call's answer that asks the question: one form field whose value is one of the options */
export function asQuestionResult(question: Question): InputRequiredResult {
  return inputRequired({
    inputRequests: {
      [question.key]: inputRequired.elicit({
        message: question.message,
        requestedSchema: {
          type: 'object',
          properties: {
            [question.key]: { type: 'string', title: question.message, oneOf: question.options.map((option) => ({ const: option.value, title: option.label })) },
          },
          required: [question.key],
        },
      }),
    },
  });
}
