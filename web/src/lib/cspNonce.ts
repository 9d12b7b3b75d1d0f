/**
 * The server's Content-Security-Policy lets a <style> element apply only when
 * it carries the per-response nonce, which the server writes into
 * <meta name="csp-nonce">. Ant Design takes it through ConfigProvider; a few
 * libraries (the scrollbar measurer and scroll locker of rc-util, Cytoscape)
 * insert <style> elements without a way to pass a nonce. This gives the nonce
 * to <style> elements that scripts insert. Styles in markup (what an
 * injection would use) are parsed, not inserted by script, and stay blocked.
 */
export const cspNonce: string | undefined =
  (typeof document !== 'undefined' && document.querySelector('meta[name="csp-nonce"]')?.getAttribute('content')) || undefined;

let installed = false;

export function installStyleNonce(): void {
  if (installed || !cspNonce || typeof Node === 'undefined') return;
  installed = true;
  const nonce = cspNonce;
  const tag = <T extends Node>(node: T): T => {
    if ((node instanceof HTMLStyleElement || node instanceof SVGStyleElement) && !node.nonce) node.nonce = nonce;
    return node;
  };
  const appendChild = Node.prototype.appendChild;
  const insertBefore = Node.prototype.insertBefore;
  Node.prototype.appendChild = function <T extends Node>(this: Node, node: T): T {
    return appendChild.call(this, tag(node)) as T;
  };
  Node.prototype.insertBefore = function <T extends Node>(this: Node, node: T, child: Node | null): T {
    return insertBefore.call(this, tag(node), child) as T;
  };
}
