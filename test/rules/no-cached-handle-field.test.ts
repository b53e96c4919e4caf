import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import rule, { type MessageId, type Options } from '../../rules/no-cached-handle.js';
import { createRuleTester } from './rule-tester.js';

type Valid = ValidTestCase<Options>;
type Invalid = InvalidTestCase<MessageId, Options>;

/**
 * From the field corpus (sequelize's BelongsToMany): a field assigned in an iteration callback of the
 * constructor (`_.each(list, (a) => { this.paired = a })`) is assigned right there, once, before the
 * copy; only a callback that runs later (a listener) renews it.
 */
const ruleTester = createRuleTester();

const valid: Valid[] = [
  {
    name: 'a field set inside _.each / forEach in the constructor is set once, before the copy',
    code: `import _ from 'lodash';
export class Association {
  constructor(target, others) {
    _.each(target.associations, (association) => {
      if (association.through === target.through) this.paired = association;
    });
    others.forEach((other) => { this.peer = other; });
    if (this.paired) this.targetKey = this.paired.sourceKey;
    if (this.peer) this.peerKey = this.peer.key;
  }
}`,
  },
];

const invalid: Invalid[] = [
  {
    name: 'a field renewed by a listener registered in the constructor: the copy keeps the first one',
    code: `export class Client {
  constructor(source) {
    source.on('reconnect', (connection) => { this.connection = connection; });
    this.connection = source.connect();
    this.socket = this.connection.socket;
  }
}`,
    options: [{ fix: 'off' }],
    errors: [{ messageId: 'cached', line: 5, column: 5 }],
  },
];

ruleTester.run('no-cached-handle (field corpus)', rule, { valid, invalid });
