// @ts-check
// Per-target classes. install() gives each target (a window, a worker's global) its own subclass of
// every class it installs, so a page's patches to their prototypes (webrtc-adapter's shims) stay with
// that target and never reach this package's exports or other targets. The classes a target got
// form its realm; an object a connection makes for the page joins the realm of its owner (the
// connection, or the object it came from), found through the owner's prototype chain.

/** @typedef {Map<object, object>} Realm Each installed class's prototype → the target's subclass's. */

/** @type {WeakMap<object, Realm>} A realm's subclass prototypes → the realm. */
const realms = new WeakMap();

/**
 * A subclass of `Base` for one target: the same name, length and behaviour, its prototype's own
 * Symbol.toStringTag like a WebIDL interface's; `new` on it makes instances of both.
 * @param {string} name
 * @param {new (...args: any[]) => object} Base
 */
function subclass(name, Base) {
  const Sub = { [name]: class extends Base {} }[name];
  Object.defineProperty(Sub, 'length', { value: Base.length });
  Object.defineProperty(Sub.prototype, Symbol.toStringTag, { value: name, configurable: true });
  return Sub;
}

/**
 * New subclasses of `classes` for one target, all in one new realm.
 * @param {Record<string, Function>} classes
 * @returns {Record<string, Function>}
 */
export function targetClasses(classes) {
  /** @type {Realm} */
  const realm = new Map();
  /** @type {Record<string, Function>} */
  const made = {};
  for (const [name, Base] of Object.entries(classes)) {
    const Sub = subclass(name, /** @type {new (...args: any[]) => object} */ (Base));
    realm.set(Base.prototype, Sub.prototype);
    realms.set(Sub.prototype, realm);
    made[name] = Sub;
  }
  return made;
}

/**
 * Whether `value` is the class a target got for `Base` (or a page's subclass of it).
 * @param {unknown} value
 * @param {Function} Base
 */
export function isTargetClass(value, Base) {
  if (typeof value !== 'function' || value === Base) return false;
  return value.prototype instanceof Base && realmOf(value) !== undefined;
}

/**
 * The realm of `owner`: an object, or a class (a static method's `this`).
 * @param {unknown} owner
 * @returns {Realm | undefined}
 */
function realmOf(owner) {
  let prototype = typeof owner === 'function' ? owner.prototype : Object.getPrototypeOf(owner);
  for (; prototype !== null && typeof prototype === 'object'; prototype = Object.getPrototypeOf(prototype)) {
    const realm = realms.get(prototype);
    if (realm !== undefined) return realm;
  }
  return undefined;
}

/**
 * `object`, just made by us for `owner`, made an instance of the subclass `owner`'s target has for
 * its class (unchanged when the owner has no realm or the target kept its own such class).
 * @template {object} T
 * @param {unknown} owner
 * @param {T} object
 * @returns {T}
 */
export function adopt(owner, object) {
  const prototype = realmOf(owner)?.get(Object.getPrototypeOf(object));
  if (prototype !== undefined) Object.setPrototypeOf(object, prototype);
  return object;
}
