/**
 * Web chat file routes: POST /chat/api/uploads (a photo, voice note or document from the visitor,
 * handed to the router as media like any other channel's) and GET /chat/api/files/:id (a file the
 * bot sent, such as a calendar file, as a download). Mounted behind the API's visitor check.
 */
import fs from 'node:fs';
import express, { type RequestHandler, type Router } from 'express';
import type { Inbound, IntakeResult } from '../../core/types.js';
import type { WebchatMessage, WebchatStore } from '../../store/webchatMessages.js';
import { MAX_UPLOAD_BYTES, type UploadStore, bareMime, cleanFileName, judgeUpload, uploadKind } from './uploads.js';

const CLIENT_ID = /^[A-Za-z0-9_-]{8,64}$/;

export interface FileRouteDeps {
  store: WebchatStore;
  uploads: UploadStore;
  now: () => number;
  /** Runs one inbound through the router (undefined while the chat is stopped). */
  intake: (msg: Inbound) => Promise<IntakeResult> | undefined;
  /** Pushes a stored message to the visitor's open pages. */
  push: (chatId: string, m: WebchatMessage) => void;
  /** Applies the language named by the page (`?lang=`) to a contact who has none yet. */
  presetLanguage: (chatId: string, lang: unknown) => void;
  /** Per-visitor limit shared with typed messages. */
  limit: RequestHandler;
}

/** Adds the upload and download routes to the chat API router. */
export function mountFileRoutes(api: Router, deps: FileRouteDeps): void {
  api.post(
    '/uploads',
    deps.limit,
    // Custom headers make a cross-site form post impossible (they need a CORS preflight we never grant).
    (req, res, next) => {
      const clientId = req.get('x-client-id') ?? '';
      if (!CLIENT_ID.test(clientId)) return void res.status(400).json({ error: 'expected an X-Client-Id header' });
      const declared = Number(req.get('content-length'));
      if (declared > MAX_UPLOAD_BYTES) return void res.status(413).json({ error: 'file too large' });
      next();
    },
    express.raw({ type: () => true, limit: MAX_UPLOAD_BYTES }),
    async (req, res) => {
      const chatId: string = res.locals.chatId;
      const data = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const mime = bareMime(req.get('content-type'));
      const verdict = judgeUpload(mime, data.length);
      if (verdict === 'too_large') return void res.status(413).json({ error: 'file too large' });
      if (verdict !== 'ok') return void res.status(verdict === 'empty' ? 400 : 415).json({ error: verdict });
      const recorded = req.get('x-recorded') === '1';
      const kind = uploadKind(mime, recorded);
      const fileName = cleanFileName(req.get('x-file-name'), kind);
      const clientId = req.get('x-client-id') as string;
      deps.presetLanguage(chatId, req.get('x-chat-lang'));
      const now = deps.now();
      const { message, fresh } = deps.store.recordInbound(chatId, `📎 ${fileName}`, clientId, now, { name: fileName, mime });
      // The same upload sent again (a retry after a lost answer): it was taken the first time.
      if (!fresh) return void res.json({ result: 'duplicate', message });
      const ref = await deps.uploads.save(chatId, data, mime, now);
      deps.push(chatId, message);
      const result = await deps.intake({
        channel: 'webchat',
        chatId,
        platformId: `${chatId}:${clientId}`,
        text: '',
        media: { kind, mime, size: data.length, fileName, ref },
        receivedAt: now,
      });
      if (result === undefined || result === 'refused') return void res.status(503).json({ error: 'the chat is restarting; try again in a moment' });
      res.json({ result, message });
    },
  );

  api.get('/files/:id', (req, res) => {
    const file = deps.store.sentFile(res.locals.chatId, Number(req.params.id) || 0);
    if (!file) return void res.status(404).json({ error: 'no such file' });
    res.set({ 'Cache-Control': 'private, no-store', 'Content-Type': file.mime });
    res.attachment(file.name);
    if ('data' in file) return void res.send(file.data);
    if (!fs.existsSync(file.path)) return void res.status(410).json({ error: 'this file is no longer kept' });
    fs.createReadStream(file.path).pipe(res);
  });
}
