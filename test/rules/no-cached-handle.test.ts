import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import rule, { type MessageId, type Options } from '../../rules/no-cached-handle.js';
import { checkCaseTable, runRuleTests } from './rule-tester.js';

type Valid = ValidTestCase<Options>;
type Invalid = InvalidTestCase<MessageId, Options>;

const runtime = "import { perProcess, perProcessProxy } from 'eslint-plugin-fork-safe/runtime';";
/** CommonJS: typescript-eslint's RuleTester sets parserOptions.sourceType 'module' unless a case overrides it there. */
const script = { parserOptions: { sourceType: 'script' } } as const;
/** The bind rewrite is a fix in JavaScript only (in TypeScript, Parameters<> keeps the last overload). */
const js = 'file.js';

const valid: Valid[] = [
  // ---- copies taken fresh, where they are used ----
  {
    name: 'copies inside ordinary methods are taken per call',
    code: `${runtime}
const holder = perProcess(() => connect());
export class Client {
  init() {
    this.api = holder.get().api;
  }
  run() {
    const api = holder.get().api;
    return api.call();
  }
}`,
  },
  {
    name: 'a copy in a function that is not a constructor',
    code: `${runtime}
const holder = perProcess(() => connect());
export function handler() {
  const { api, queue } = holder.get();
  return api.send(queue);
}`,
  },
  {
    name: 'a copy in a callback the constructor registers runs again on every event',
    code: `import Redis from 'ioredis';
const client = new Redis();
export class Watcher {
  constructor() {
    client.on('ready', () => {
      this.commands = client.commands;
    });
  }
}`,
  },
  {
    name: 'a copy in a static method, and in a static block of a class copying nothing long-lived',
    code: `${runtime}
const holder = perProcess(() => connect());
class Registry {
  static create() {
    const api = holder.get().api;
    return new Registry(api);
  }
  static {
    this.name2 = 'registry';
  }
}`,
  },
  {
    name: 'a module-scope copy inside a top-level block is block-scoped, not kept',
    code: `import { Pool } from 'pg';
const pool = new Pool();
if (process.env.WARM) {
  const query = pool.query;
  query('select 1');
}`,
  },
  // ---- the resource itself, or reads through it ----
  {
    name: 'the holder itself kept on this (the fixture after the fix)',
    code: `${runtime}
const transport = perProcess(() => ({ api: {} }));
export class ApiClient {
  constructor() {
    this.transport = transport;
  }
  get api() {
    return this.transport.get().api;
  }
}`,
  },
  {
    name: 'arrow functions that look the method up at call time',
    code: `import Redis from 'ioredis';
const client = new Redis();
export const publish = (...args) => client.publish(...args);
export class Bus {
  send = (message) => client.publish('bus', message);
  constructor() {
    this.close = () => client.quit();
  }
}`,
  },
  {
    name: 'reads through the holder at every use',
    code: `${runtime}
const pool = perProcess(() => createPool());
export const query = (sql) => pool.get().query(sql);
export function close() {
  return pool.get().end();
}`,
  },
  {
    name: "the holder's own methods and a proxy kept whole",
    code: `${runtime}
const pool = perProcess(() => createPool());
const reset = pool.reset;
const { peek } = pool;
export const db = perProcessProxy(() => createPool());
export class Repo {
  constructor() {
    this.db = db;
    this.reset = pool.reset;
  }
}`,
  },
  {
    name: 'the singleton instance itself is kept, not a member of it',
    code: `export class Service {
  constructor() {
    this.manager = Manager.instance();
    this.cache = CacheManager.getInstance();
  }
  get db() {
    return this.manager.db;
  }
}`,
  },
  {
    name: 'a call on the resource is a result, not a copy',
    code: `import { Pool } from 'pg';
const pool = new Pool();
const connecting = pool.connect();
export class Repo {
  constructor() {
    this.data = Manager.instance().load();
    this.connection = Manager.instance().getConnection();
  }
}`,
  },
  {
    name: 'a computed member and a bind to another object',
    code: `${runtime}
const holder = perProcess(() => connect());
const other = {};
export class Client {
  constructor(name) {
    this.api = holder.get()[name];
  }
}
export const send = holder.get().send.bind(other);`,
  },
  // ---- not long-lived ----
  {
    name: 'a constructor parameter that is not kept, with no default',
    code: `export class Langfuse {
  constructor(resources) {
    this.api = resources.api;
  }
}`,
  },
  {
    name: 'a kept parameter that the class never replaces',
    code: `export class Langfuse {
  constructor(resources) {
    this.resources = resources;
    this.api = resources.api;
    this.asyncApi = this.resources.asyncApi;
  }
}`,
  },
  {
    name: 'a field that is only ever cleared, not re-created',
    code: `export class Client {
  constructor(resources) {
    this.resources = resources;
    this.api = this.resources.api;
  }
  close() {
    this.resources = null;
  }
}`,
  },
  {
    name: 'the class keeps its copy in step: the method that replaces the resource copies again',
    code: `export class Langfuse {
  constructor() {
    this.resources = createResources();
    this.api = this.resources.api;
  }
  reinit() {
    this.resources = createResources();
    this.api = this.resources.api;
  }
}`,
  },
  {
    name: 'a client created inside a function is not a module-scope client',
    code: `import Redis from 'ioredis';
export function connect() {
  const client = new Redis();
  const commands = client.commands;
  return commands;
}`,
  },
  {
    name: 'a module-scope binding the file reassigns is not followed',
    code: `import Redis from 'ioredis';
let client = new Redis();
export function reconnect() {
  client = new Redis();
}
const commands = client.commands;
export { commands };`,
  },
  {
    name: 'a package export is not a client instance',
    code: `import pg from 'pg';
import axios from 'axios';
const { Pool, types } = pg;
const get = axios.get;
export { Pool, types, get };`,
  },
  {
    name: "a local perProcess that is not the runtime's",
    code: `function perProcess(factory) {
  return { get: factory };
}
const holder = perProcess(() => ({ api: {} }));
export class Client {
  constructor() {
    this.api = holder.get().api;
  }
}`,
  },
  {
    name: 'an instance member of something that is not a class name',
    code: `export class Repo {
  constructor(config) {
    this.db = config.instance.db;
    this.pool = registry.instance.pool;
  }
}`,
  },
  {
    name: 'a holder under a configured runtime module, from the default one',
    code: `import { perProcess } from 'eslint-plugin-fork-safe/runtime';
const holder = perProcess(() => connect());
export const api = holder.get().api;`,
    settings: { 'fork-safe': { runtimeModule: '#runtime' } },
  },
  // ---- plain data ----
  {
    name: 'configuration, options and names read from a resource',
    code: `${runtime}
const holder = perProcess(() => connect());
export class Client {
  constructor() {
    this.config = holder.get().config;
    this.options = Manager.instance().options;
    this.url = holder.get().url;
    this.baseURL = holder.get().baseURL;
    this.projectId = holder.get().projectId;
    this.serviceName = holder.get().serviceName;
  }
}`,
  },
  {
    name: 'a member read through a config object, flags, counts and constants',
    code: `import { Pool } from 'pg';
const pool = new Pool();
const max = pool.options.max;
const { totalCount, idleCount, isEnded } = pool;
const limit = pool.MAX_CLIENTS;
export { max, totalCount, idleCount, isEnded, limit };`,
  },
  {
    name: 'fields and bindings declared with a primitive type',
    code: `export class Client {
  private readonly region: string;
  private readonly retries: number | undefined;
  private readonly mode: 'fast' | 'safe';
  constructor() {
    this.region = Manager.instance().awsRegionName2;
    this.retries = Manager.instance().retries;
    this.mode = Manager.instance().speed;
  }
}
import { Pool } from 'pg';
const pool = new Pool();
export const waiting: number = pool.waiting;`,
  },
  {
    name: 'a field whose initial value is a literal, and a destructuring default',
    code: `import { Pool } from 'pg';
const pool = new Pool();
const { retries = 3 } = pool;
export class Client {
  attempts = 0;
  constructor() {
    this.attempts = Manager.instance().attempts;
  }
}
export { retries };`,
  },
  {
    name: 'a status string read from a client',
    code: `import Redis from 'ioredis';
const redis = new Redis();
const status = redis.status;
export { status };`,
  },
  // ---- forms the rule does not look at ----
  {
    name: 'an ES5 constructor function (not followed)',
    code: `${runtime}
const holder = perProcess(() => connect());
function Client() {
  this.api = holder.get().api;
}
export { Client };`,
  },
  {
    name: 'an object literal built at load (not followed)',
    code: `import Redis from 'ioredis';
const redis = new Redis();
export const service = { commands: redis.commands };`,
  },
  {
    name: 'a default read through (??) is not a plain copy',
    code: `${runtime}
const holder = perProcess(() => connect());
export class Client {
  constructor(api) {
    this.api = api ?? holder.get().api;
  }
}`,
  },
  {
    name: 'types only',
    code: `import { Pool } from 'pg';
const pool = new Pool();
export type Query = typeof pool.query;
export interface Repo {
  query: Query;
}`,
  },
];

const invalid: Invalid[] = [
  // =====================================================================================
  // In a constructor: a getter that reads through
  // =====================================================================================
  {
    name: "the e2e fixture: a holder kept on this, and a copy of its value's api",
    filename: js,
    code: `${runtime}
const transport = perProcess(() => ({ api: {} }));
export class ApiClient {
  constructor() {
    this.transport = transport;
    this.api = this.transport.get().api;
  }

  whichApi() {
    return this.api.generation;
  }
}`,
    output: `${runtime}
const transport = perProcess(() => ({ api: {} }));
export class ApiClient {
  constructor() {
    this.transport = transport;
  }

  get api() {
    return this.transport.get().api;
  }

  whichApi() {
    return this.api.generation;
  }
}`,
    errors: [{ messageId: 'cached', line: 6, column: 5 }],
  },
  {
    name: 'TypeScript: a private readonly field becomes a private getter with its type',
    code: `${runtime}
const holder = perProcess(() => connect());
export class Client {
  private readonly api: Api;
  constructor() {
    this.api = holder.get().api;
  }
}`,
    output: `${runtime}
const holder = perProcess(() => connect());
export class Client {
  private get api(): Api {
    return holder.get().api;
  }
  constructor() {
  }
}`,
    errors: [{ messageId: 'cached', line: 6, column: 5 }],
  },
  {
    name: "TypeScript: a holder's whole value, into a definite field",
    code: `${runtime}
const pool = perProcess(() => createPool());
export class Repo {
  pool!: Pool;
  constructor(readonly table: string) {
    this.pool = pool.get();
  }
}`,
    output: `${runtime}
const pool = perProcess(() => createPool());
export class Repo {
  get pool(): Pool {
    return pool.get();
  }
  constructor(readonly table: string) {
  }
}`,
    errors: [{ messageId: 'cached', line: 6, column: 5 }],
  },
  {
    name: 'a member of a perProcessProxy',
    filename: js,
    code: `${runtime}
const db = perProcessProxy(() => connect());
export class Repo {
  constructor(table) {
    this.table = table;
    this.query = db.query;
  }
}`,
    output: `${runtime}
const db = perProcessProxy(() => connect());
export class Repo {
  constructor(table) {
    this.table = table;
  }

  get query() {
    return db.query;
  }
}`,
    errors: [{ messageId: 'cached', line: 6, column: 5 }],
  },
  {
    name: 'TypeScript: a parameter property that a reinit method replaces (the Langfuse shape)',
    code: `export class Langfuse {
  private readonly api: LangfuseAPI;

  constructor(private resources: Resources) {
    this.api = this.resources.api;
  }

  reinit() {
    this.resources = new Resources();
  }
}`,
    output: `export class Langfuse {
  private get api(): LangfuseAPI {
    return this.resources.api;
  }

  constructor(private resources: Resources) {
  }

  reinit() {
    this.resources = new Resources();
  }
}`,
    errors: [{ messageId: 'cached', line: 5, column: 5 }],
  },
  {
    name: 'TypeScript: copied from the parameter, which is kept on this first: the getter reads this.resources',
    code: `export class Langfuse {
  protected readonly api: Api;
  private resources: Resources;
  constructor(resources: Resources) {
    this.resources = resources;
    this.api = resources.api;
  }
  async reset() {
    this.resources = await Resources.create();
  }
}`,
    output: `export class Langfuse {
  protected get api(): Api {
    return this.resources.api;
  }
  private resources: Resources;
  constructor(resources: Resources) {
    this.resources = resources;
  }
  async reset() {
    this.resources = await Resources.create();
  }
}`,
    errors: [{ messageId: 'cached', line: 6, column: 5 }],
  },
  {
    name: 'the parameter is kept on this only after the copy: a suggestion',
    filename: js,
    code: `export class Langfuse {
  constructor(resources) {
    this.api = resources.api;
    this.resources = resources;
  }
  reset() {
    this.resources = createResources();
  }
}`,
    errors: [
      {
        messageId: 'cached',
        line: 3,
        column: 5,
        suggestions: [
          {
            messageId: 'useGetter',
            output: `export class Langfuse {
  constructor(resources) {
    this.resources = resources;
  }

  get api() {
    return this.resources.api;
  }
  reset() {
    this.resources = createResources();
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'TypeScript: a parameter property with a singleton default',
    code: `export class Client {
  private readonly queue: Queue;
  constructor(private readonly resources = ResourceManager.instance()) {
    this.queue = this.resources.queue;
  }
}`,
    output: `export class Client {
  private get queue(): Queue {
    return this.resources.queue;
  }
  constructor(private readonly resources = ResourceManager.instance()) {
  }
}`,
    errors: [{ messageId: 'cached', line: 4, column: 5 }],
  },
  {
    name: "a member that its owner class re-creates after fork (Langfuse's resource manager, in JS)",
    filename: js,
    code: `class ResourceManager {
  constructor() {
    this.api = createApi();
  }
  atForkReinit() {
    this.api = createApi();
  }
}
export class Langfuse {
  constructor() {
    this.resources = new ResourceManager();
    this.api = this.resources.api;
  }
}`,
    output: `class ResourceManager {
  constructor() {
    this.api = createApi();
  }
  atForkReinit() {
    this.api = createApi();
  }
}
export class Langfuse {
  constructor() {
    this.resources = new ResourceManager();
  }

  get api() {
    return this.resources.api;
  }
}`,
    errors: [{ messageId: 'cached', line: 12, column: 5 }],
  },
  {
    name: 'a deeper member of a replaced field',
    filename: js,
    code: `export class Client {
  constructor() {
    this.resources = createResources();
    this.users = this.resources.api.users;
  }
  reconnect() {
    this.resources = createResources();
  }
}`,
    output: `export class Client {
  constructor() {
    this.resources = createResources();
  }

  get users() {
    return this.resources.api.users;
  }
  reconnect() {
    this.resources = createResources();
  }
}`,
    errors: [{ messageId: 'cached', line: 4, column: 5 }],
  },
  {
    name: 'TypeScript: Manager.instance().db into a protected field',
    code: `export class Repository {
  protected db: Db;
  constructor() {
    this.db = Manager.instance().db;
  }
}`,
    output: `export class Repository {
  protected get db(): Db {
    return Manager.instance().db;
  }
  constructor() {
  }
}`,
    errors: [{ messageId: 'cached', line: 4, column: 5 }],
  },
  {
    name: 'getInstance() and a static instance field',
    filename: js,
    code: `export class Repository {
  constructor() {
    this.cache = getInstance().cache;
    this.pool = Database.instance.pool;
  }
}`,
    output: [
      `export class Repository {
  constructor() {
    this.pool = Database.instance.pool;
  }

  get cache() {
    return getInstance().cache;
  }
}`,
      `export class Repository {
  constructor() {
  }

  get pool() {
    return Database.instance.pool;
  }

  get cache() {
    return getInstance().cache;
  }
}`,
    ],
    errors: [
      { messageId: 'cached', line: 3, column: 5 },
      { messageId: 'cached', line: 4, column: 5 },
    ],
  },
  {
    name: 'TypeScript: through a const of the constructor, which the getter reads from the accessor',
    code: `export class Repository {
  private readonly db: Db;
  constructor() {
    const manager = Manager.getInstance();
    this.db = manager.db;
  }
}`,
    output: `export class Repository {
  private get db(): Db {
    return Manager.getInstance().db;
  }
  constructor() {
    const manager = Manager.getInstance();
  }
}`,
    errors: [{ messageId: 'cached', line: 5, column: 5 }],
  },
  {
    name: 'TypeScript: a decorated class with plain fields is fixed',
    code: `${runtime}
const holder = perProcess(() => connect());
@Injectable()
export class Service {
  private readonly api: Api;
  constructor(private readonly logger: Logger) {
    this.api = holder.get().api;
  }
}`,
    output: `${runtime}
const holder = perProcess(() => connect());
@Injectable()
export class Service {
  private get api(): Api {
    return holder.get().api;
  }
  constructor(private readonly logger: Logger) {
  }
}`,
    errors: [{ messageId: 'cached', line: 7, column: 5 }],
  },
  {
    name: 'TypeScript: a decorated field is only suggested, with its decorator kept on the getter',
    code: `${runtime}
const holder = perProcess(() => connect());
@Injectable()
export class Service {
  @Inject()
  protected readonly queue: Queue;
  constructor() {
    this.queue = holder.get().queue;
  }
}`,
    errors: [
      {
        messageId: 'cached',
        line: 8,
        column: 5,
        suggestions: [
          {
            messageId: 'useGetter',
            output: `${runtime}
const holder = perProcess(() => connect());
@Injectable()
export class Service {
  @Inject()
  protected get queue(): Queue {
    return holder.get().queue;
  }
  constructor() {
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'a #private field becomes a private getter',
    filename: js,
    code: `${runtime}
const holder = perProcess(() => connect());
export class Client {
  #api;
  constructor() {
    this.#api = holder.get().api;
  }
  call() {
    return this.#api.call();
  }
}`,
    output: `${runtime}
const holder = perProcess(() => connect());
export class Client {
  get #api() {
    return holder.get().api;
  }
  constructor() {
  }
  call() {
    return this.#api.call();
  }
}`,
    errors: [{ messageId: 'cached', line: 6, column: 5 }],
  },
  {
    name: 'TypeScript: a field initialised to null first is fixed; the null goes',
    code: `export class Client {
  private api: Api | null = null;
  constructor() {
    this.api = Manager.instance().api;
  }
}`,
    output: `export class Client {
  private get api(): Api | null {
    return Manager.instance().api;
  }
  constructor() {
  }
}`,
    errors: [{ messageId: 'cached', line: 4, column: 5 }],
  },
  {
    name: 'TypeScript: the copied field is a parameter property: reported without an edit',
    code: `export class Client {
  constructor(private api: Api) {
    this.api = Manager.instance().api;
  }
}`,
    errors: [{ messageId: 'cached', line: 3, column: 5, suggestions: [] }],
  },
  {
    name: 'TypeScript: a field with its own initial value is only suggested (the value goes)',
    code: `export class Client {
  private api: Api = fallbackApi;
  constructor() {
    this.api = Manager.instance().api;
  }
}`,
    errors: [
      {
        messageId: 'cached',
        line: 4,
        column: 5,
        suggestions: [
          {
            messageId: 'useGetter',
            output: `export class Client {
  private get api(): Api {
    return Manager.instance().api;
  }
  constructor() {
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'the field is read in the constructor before the copy: a suggestion',
    filename: js,
    code: `export class Client {
  constructor() {
    log(this.api);
    this.api = Manager.instance().api;
  }
}`,
    errors: [
      {
        messageId: 'cached',
        line: 4,
        column: 5,
        suggestions: [
          {
            messageId: 'useGetter',
            output: `export class Client {
  constructor() {
    log(this.api);
  }

  get api() {
    return Manager.instance().api;
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'the file writes the member elsewhere (a test double): a suggestion',
    filename: js,
    code: `export class Client {
  constructor() {
    this.api = Manager.instance().api;
  }
}
export function withMock(client, mock) {
  client.api = mock;
}`,
    errors: [
      {
        messageId: 'cached',
        line: 3,
        column: 5,
        suggestions: [
          {
            messageId: 'useGetter',
            output: `export class Client {
  constructor() {
  }

  get api() {
    return Manager.instance().api;
  }
}
export function withMock(client, mock) {
  client.api = mock;
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'a base class from another module might assign the member: a suggestion',
    filename: js,
    code: `import { Base } from './base.js';
export class Client extends Base {
  constructor() {
    super();
    this.api = Manager.instance().api;
  }
}`,
    errors: [
      {
        messageId: 'cached',
        line: 5,
        column: 5,
        suggestions: [
          {
            messageId: 'useGetter',
            output: `import { Base } from './base.js';
export class Client extends Base {
  constructor() {
    super();
  }

  get api() {
    return Manager.instance().api;
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'a copy taken in a branch of the constructor: reported without an edit',
    filename: js,
    code: `export class Client {
  constructor(options) {
    if (options.eager) {
      this.api = Manager.instance().api;
    }
  }
}`,
    errors: [{ messageId: 'cached', line: 4, column: 7, suggestions: [] }],
  },
  {
    name: 'a copy from a parameter the constructor does not keep (only its default is long-lived): reported without an edit',
    filename: js,
    code: `export class Client {
  constructor(resources = ResourceManager.instance()) {
    this.api = resources.api;
  }
}`,
    errors: [{ messageId: 'cached', line: 3, column: 5, suggestions: [] }],
  },
  // =====================================================================================
  // Bound methods: an arrow that looks the method up at call time
  // =====================================================================================
  {
    name: 'a bound method of a replaced field, in the constructor',
    filename: js,
    code: `export class Publisher {
  constructor() {
    this.client = createClient();
    this.publish = this.client.publish.bind(this.client);
  }
  reconnect() {
    this.client = createClient();
  }
}`,
    output: `export class Publisher {
  constructor() {
    this.client = createClient();
    this.publish = (...args) => this.client.publish(...args);
  }
  reconnect() {
    this.client = createClient();
  }
}`,
    errors: [{ messageId: 'cached', line: 4, column: 5 }],
  },
  {
    name: 'a bound method through a kept parameter reads this.client',
    filename: js,
    code: `export class Publisher {
  constructor(client) {
    this.client = client;
    this.publish = client.publish.bind(client);
  }
  reconnect() {
    this.client = createClient();
  }
}`,
    output: `export class Publisher {
  constructor(client) {
    this.client = client;
    this.publish = (...args) => this.client.publish(...args);
  }
  reconnect() {
    this.client = createClient();
  }
}`,
    errors: [{ messageId: 'cached', line: 4, column: 5 }],
  },
  {
    name: 'TypeScript: a bound method of a typed field is suggested as a getter of that type (overloads kept)',
    code: `interface Client {
  publish(topic: string): void;
  publish(topic: string, body: string): void;
}
declare function createClient(): Client;
export class Publisher {
  private client: Client;
  private readonly publish: Client['publish'];
  constructor() {
    this.client = createClient();
    this.publish = this.client.publish.bind(this.client);
  }
  send(topic: string, body?: string) {
    if (body === undefined) this.publish(topic);
    else this.publish(topic, body);
  }
  reconnect() {
    this.client = createClient();
  }
}`,
    errors: [
      {
        messageId: 'cached',
        line: 11,
        column: 5,
        suggestions: [
          {
            messageId: 'useGetter',
            output: `interface Client {
  publish(topic: string): void;
  publish(topic: string, body: string): void;
}
declare function createClient(): Client;
export class Publisher {
  private client: Client;
  private get publish(): Client['publish'] {
    return this.client.publish.bind(this.client);
  }
  constructor() {
    this.client = createClient();
  }
  send(topic: string, body?: string) {
    if (body === undefined) this.publish(topic);
    else this.publish(topic, body);
  }
  reconnect() {
    this.client = createClient();
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'TypeScript: a bound method whose field is read other than by a call keeps the arrow (one function, as before)',
    code: `export class Publisher {
  private client: Client;
  private readonly publish: Client['publish'];
  constructor() {
    this.client = createClient();
    this.publish = this.client.publish.bind(this.client);
    bus.on('message', this.publish);
  }
  reconnect() {
    this.client = createClient();
  }
}`,
    errors: [
      {
        messageId: 'cached',
        line: 6,
        column: 5,
        suggestions: [
          {
            messageId: 'useArrow',
            output: `export class Publisher {
  private client: Client;
  private readonly publish: Client['publish'];
  constructor() {
    this.client = createClient();
    this.publish = (...args: Parameters<typeof this.client.publish>) => this.client.publish(...args);
    bus.on('message', this.publish);
  }
  reconnect() {
    this.client = createClient();
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'a bound method of a module-scope client, as a field',
    filename: js,
    code: `import Redis from 'ioredis';
const redis = new Redis();
export class Cache {
  get = redis.get.bind(redis);
}`,
    output: `import Redis from 'ioredis';
const redis = new Redis();
export class Cache {
  get = (...args) => redis.get(...args);
}`,
    errors: [{ messageId: 'cached', line: 4, column: 3 }],
  },
  // =====================================================================================
  // Field initialisers
  // =====================================================================================
  {
    name: 'a field initialiser that copies from a replaced field becomes a getter in place',
    filename: js,
    code: `export class Client {
  resources = createResources();
  api = this.resources.api;
  reset() {
    this.resources = createResources();
  }
}`,
    output: `export class Client {
  resources = createResources();
  get api() {
    return this.resources.api;
  }
  reset() {
    this.resources = createResources();
  }
}`,
    errors: [{ messageId: 'cached', line: 3, column: 3 }],
  },
  {
    name: 'TypeScript: a typed readonly field initialiser keeps its type and accessibility',
    code: `export class Client {
  private readonly queue: Queue = ResourceManager.getInstance().queue;
}`,
    output: `export class Client {
  private get queue(): Queue {
    return ResourceManager.getInstance().queue;
  }
}`,
    errors: [{ messageId: 'cached', line: 2, column: 20 }],
  },
  {
    name: 'a static field initialiser becomes a static getter',
    filename: js,
    code: `export class Models {
  static db = Manager.instance().db;
}`,
    output: `export class Models {
  static get db() {
    return Manager.instance().db;
  }
}`,
    errors: [{ messageId: 'cached', line: 2, column: 10 }],
  },
  {
    name: 'TypeScript: a decorated field initialiser is only suggested',
    code: `export class Client {
  @Expose() readonly api = Manager.instance().api;
}`,
    errors: [
      {
        messageId: 'cached',
        line: 2,
        column: 22,
        suggestions: [
          {
            messageId: 'useGetter',
            output: `export class Client {
  @Expose() get api() {
    return Manager.instance().api;
  }
}`,
          },
        ],
      },
    ],
  },
  // =====================================================================================
  // At module load
  // =====================================================================================
  {
    name: 'a member of a module-scope client, used in the same file: every use reads through',
    code: `import OpenAI from 'openai';
const openai = new OpenAI();
const completions = openai.chat.completions;
export function ask(prompt: string) {
  return completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: prompt }] });
}`,
    output: `import OpenAI from 'openai';
const openai = new OpenAI();
export function ask(prompt: string) {
  return openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: prompt }] });
}`,
    errors: [{ messageId: 'cached', line: 3, column: 7 }],
  },
  {
    name: 'a shorthand property use and a typeof use are rewritten too',
    code: `import { Pool } from 'pg';
const pool = new Pool();
const query = pool.query;
export type Query = typeof query;
export const repo = () => ({ query });`,
    output: `import { Pool } from 'pg';
const pool = new Pool();
export type Query = typeof pool.query;
export const repo = () => ({ query: pool.query });`,
    errors: [{ messageId: 'cached', line: 3, column: 7 }],
  },
  {
    name: 'destructured members of a client: one property per pass',
    code: `import Redis from 'ioredis';
const redis = new Redis();
const { commands, connector } = redis;
export const list = () => [commands, connector];`,
    output: [
      `import Redis from 'ioredis';
const redis = new Redis();
const { connector } = redis;
export const list = () => [redis.commands, connector];`,
      `import Redis from 'ioredis';
const redis = new Redis();
export const list = () => [redis.commands, redis.connector];`,
    ],
    errors: [
      { messageId: 'cached', line: 3, column: 9 },
      { messageId: 'cached', line: 3, column: 19 },
    ],
  },
  {
    name: 'a destructured member of a cast client: the cast is wrapped before the member is read',
    code: `import Redis from 'ioredis';
const redis: unknown = new Redis();
const { connector } = redis as Redis;
export const connect = () => connector.connect();`,
    output: `import Redis from 'ioredis';
const redis: unknown = new Redis();
export const connect = () => (redis as Redis).connector.connect();`,
    errors: [{ messageId: 'cached', line: 3, column: 9 }],
  },
  {
    name: 'a destructured data member stays; the handle is rewritten',
    code: `import Redis from 'ioredis';
const redis = new Redis();
const { options, connector } = redis;
export const connect = () => connector.connect(options);`,
    output: `import Redis from 'ioredis';
const redis = new Redis();
const { options } = redis;
export const connect = () => redis.connector.connect(options);`,
    errors: [{ messageId: 'cached', line: 3, column: 18 }],
  },
  {
    name: "a holder's value taken at load",
    code: `${runtime}
const redis = perProcess(() => createRedis());
const connection = redis.get();
export const ping = () => connection.ping();`,
    output: `${runtime}
const redis = perProcess(() => createRedis());
export const ping = () => redis.get().ping();`,
    errors: [{ messageId: 'cached', line: 3, column: 7 }],
  },
  {
    name: "a proxy's method destructured at load",
    code: `${runtime}
const db = perProcessProxy(() => createPool());
const { query } = db;
export const find = (id: string) => query('select $1', [id]);`,
    output: `${runtime}
const db = perProcessProxy(() => createPool());
export const find = (id: string) => db.query('select $1', [id]);`,
    errors: [{ messageId: 'cached', line: 3, column: 9 }],
  },
  {
    name: 'a bound method at load, not exported: an arrow',
    filename: js,
    code: `import { PostHog } from 'posthog-node';
const posthog = new PostHog('key');
const capture = posthog.capture.bind(posthog);
export function track(event) {
  capture({ event });
}`,
    output: `import { PostHog } from 'posthog-node';
const posthog = new PostHog('key');
const capture = (...args) => posthog.capture(...args);
export function track(event) {
  capture({ event });
}`,
    errors: [{ messageId: 'cached', line: 3, column: 7 }],
  },
  {
    name: 'an exported bound method: the arrow is a suggestion',
    filename: js,
    code: `import { PostHog } from 'posthog-node';
const posthog = new PostHog('key');
export const capture = posthog.capture.bind(posthog);`,
    errors: [
      {
        messageId: 'cached',
        line: 3,
        column: 14,
        suggestions: [
          {
            messageId: 'useArrow',
            output: `import { PostHog } from 'posthog-node';
const posthog = new PostHog('key');
export const capture = (...args) => posthog.capture(...args);`,
          },
        ],
      },
    ],
  },
  {
    name: 'an exported copy: a suggestion to export an accessor instead',
    code: `import { Pool } from 'pg';
const pool = new Pool();
export const query = pool.query;
export const count = () => query('select count(*) from t');`,
    errors: [
      {
        messageId: 'cached',
        line: 3,
        column: 14,
        suggestions: [
          {
            messageId: 'useAccessor',
            output: `import { Pool } from 'pg';
const pool = new Pool();
export const getQuery = () => pool.query;
export const count = () => getQuery()('select count(*) from t');`,
          },
        ],
      },
    ],
  },
  {
    name: 'a copy exported by name: reported without an edit',
    code: `import Redis from 'ioredis';
const redis = new Redis();
const commands = redis.commands;
export { commands };`,
    errors: [{ messageId: 'cached', line: 3, column: 7, suggestions: [] }],
  },
  {
    name: 'an exported destructuring: reported without an edit',
    code: `import OpenAI from 'openai';
const openai = new OpenAI();
export const { chat, files } = openai;`,
    errors: [
      { messageId: 'cached', line: 3, column: 16, suggestions: [] },
      { messageId: 'cached', line: 3, column: 22, suggestions: [] },
    ],
  },
  {
    name: 'a use where the client name means something else: reported without an edit',
    code: `import { Pool } from 'pg';
const pool = new Pool();
const query = pool.query;
export function run(pool: unknown) {
  return query;
}`,
    errors: [{ messageId: 'cached', line: 3, column: 7, suggestions: [] }],
  },
  {
    name: 'CommonJS: a bound method on exports is suggested, a plain copy on module.exports reported',
    code: `const { perProcess } = require('eslint-plugin-fork-safe/runtime');
const redis = perProcess(() => createRedis());
exports.publish = redis.get().publish.bind(redis.get());
module.exports.subscriber = redis.get().subscriber;`,
    filename: js,
    languageOptions: script,
    errors: [
      {
        messageId: 'cached',
        line: 3,
        column: 1,
        suggestions: [
          {
            messageId: 'useArrow',
            output: `const { perProcess } = require('eslint-plugin-fork-safe/runtime');
const redis = perProcess(() => createRedis());
exports.publish = (...args) => redis.get().publish(...args);
module.exports.subscriber = redis.get().subscriber;`,
          },
        ],
      },
      { messageId: 'cached', line: 4, column: 1, suggestions: [] },
    ],
  },
  {
    name: 'CommonJS: a client required and a bound copy in a class constructor',
    code: `const { Pool } = require('pg');
const pool = new Pool();
class Repo {
  constructor() {
    this.query = pool.query.bind(pool);
  }
}
module.exports = Repo;`,
    filename: js,
    languageOptions: script,
    output: `const { Pool } = require('pg');
const pool = new Pool();
class Repo {
  constructor() {
    this.query = (...args) => pool.query(...args);
  }
}
module.exports = Repo;`,
    errors: [{ messageId: 'cached', line: 5, column: 5 }],
  },
  {
    name: 'export default of a copy: reported without an edit',
    code: `${runtime}
const holder = perProcess(() => connect());
export default holder.get().api;`,
    errors: [{ messageId: 'cached', line: 3, column: 16, suggestions: [] }],
  },
  {
    name: 'a class expression bound to a const',
    filename: js,
    code: `${runtime}
const holder = perProcess(() => connect());
export const Client = class {
  constructor() {
    this.api = holder.get().api;
  }
};`,
    output: `${runtime}
const holder = perProcess(() => connect());
export const Client = class {
  constructor() {
  }

  get api() {
    return holder.get().api;
  }
};`,
    errors: [{ messageId: 'cached', line: 5, column: 5 }],
  },
  // =====================================================================================
  // Options and settings
  // =====================================================================================
  {
    name: "fix: 'suggest' offers the getter as a suggestion only",
    options: [{ fix: 'suggest' }],
    code: `export class Repository {
  protected db: Db;
  constructor() {
    this.db = Manager.instance().db;
  }
}`,
    errors: [
      {
        messageId: 'cached',
        line: 4,
        column: 5,
        suggestions: [
          {
            messageId: 'useGetter',
            output: `export class Repository {
  protected get db(): Db {
    return Manager.instance().db;
  }
  constructor() {
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: "fix: 'off' reports only",
    options: [{ fix: 'off' }],
    code: `export class Repository {
  protected db: Db;
  constructor() {
    this.db = Manager.instance().db;
  }
}`,
    errors: [{ messageId: 'cached', line: 4, column: 5, suggestions: [] }],
  },
  {
    name: 'a holder from a configured runtime module',
    settings: { 'fork-safe': { runtimeModule: '#runtime' } },
    code: `import { perProcess as holderOf } from '#runtime';
const holder = holderOf(() => connect());
const api = holder.get().api;
export const call = () => api.call();`,
    output: `import { perProcess as holderOf } from '#runtime';
const holder = holderOf(() => connect());
export const call = () => holder.get().api.call();`,
    errors: [{ messageId: 'cached', line: 3, column: 7 }],
  },
  {
    name: 'the message names the copy, what it copies and why it goes stale',
    code: `export class Langfuse {
  constructor(private resources: Resources) {
    this.api = this.resources.api;
  }
  reinit() {
    this.resources = new Resources();
  }
}`,
    errors: [
      {
        messageId: 'cached',
        data: {
          target: 'this.api',
          source: 'this.resources.api',
          when: 'in the constructor',
          why: 'reinit() assigns a new this.resources',
        },
        line: 3,
        column: 5,
        suggestions: [],
      },
    ],
    output: `export class Langfuse {
  constructor(private resources: Resources) {
  }

  get api() {
    return this.resources.api;
  }
  reinit() {
    this.resources = new Resources();
  }
}`,
  },
];

checkCaseTable('no-cached-handle', valid, invalid, { valid: 30, invalid: 30 });

runRuleTests('no-cached-handle', rule, { valid, invalid });
