import type { FaceVerifyHandlers } from '@aliyun-face-verify/server';

const ACTIONS = ['init', 'describe', 'callback', 'handoff', 'status'] as const;
const isAction = (value: string): value is (typeof ACTIONS)[number] =>
  (ACTIONS as readonly string[]).includes(value);

/**
 * Next.js App Router: one dynamic route, app/api/face-verify/[action]/route.ts, containing
 * `export const { GET, POST } = faceVerifyRoute(handlers);` (and `export const runtime = 'nodejs';`).
 */
export function faceVerifyRoute(handlers: FaceVerifyHandlers) {
  async function handle(
    request: Request,
    context: { params: Promise<{ action: string }> },
  ): Promise<Response> {
    const { action } = await context.params;
    if (!isAction(action))
      return Response.json(
        { error: { code: 'not-found', message: 'Not found.' } },
        { status: 404 },
      );
    return handlers[action](request); // each handler answers a wrong method with 405 itself
  }
  return { GET: handle, POST: handle };
}
