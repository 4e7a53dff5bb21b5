-- The worker claims due items of every tenant (status = 'SCHEDULED' AND publish_at <= now, oldest
-- first); without this index every poll scans and sorts all content.
-- CreateIndex
CREATE INDEX "content_items_status_publish_at_idx" ON "content_items"("status", "publish_at");
