import type { MessageOf, ParamsOf, RequestName, ResultOf, TopicName, TopicParamsOf } from '../../src-shared/contract'
import { fromErrorShape, type BerthErrorShape } from '../../src-shared/contract/errors'
import type { Carrier } from './carrier'

type ParamArgs<K extends RequestName> = undefined extends ParamsOf<K> ? [params?: ParamsOf<K>] : [params: ParamsOf<K>]

/** The renderer's only way to main. Typed by the contract; failures throw BerthError. */
export class ApiClient {
  constructor(private readonly carrier: Carrier) {}

  async invoke<K extends RequestName>(channel: K, ...args: ParamArgs<K>): Promise<ResultOf<K>> {
    return this.invokeWith(undefined, channel, ...args)
  }

  /** As `invoke`, and aborting `signal` cancels the request in main: it then throws CANCELLED. */
  async invokeWith<K extends RequestName>(signal: AbortSignal | undefined, channel: K, ...args: ParamArgs<K>): Promise<ResultOf<K>> {
    const out = await this.carrier.invoke(channel, args[0] ?? {}, signal)
    if (!out.ok) throw fromErrorShape(out.error)
    return out.value as ResultOf<K>
  }

  /** Resolves to an unsubscribe function once main accepted the subscription. */
  async subscribe<K extends TopicName>(
    topic: K,
    params: TopicParamsOf<K>,
    onMessage: (message: MessageOf<K>) => void,
    onEnd: (error?: BerthErrorShape) => void = () => undefined,
  ): Promise<() => void> {
    const out = await this.carrier.subscribe(topic, params ?? {}, (d) => onMessage(d as MessageOf<K>), onEnd)
    if (!out.ok) throw fromErrorShape(out.error)
    return out.value
  }

  onLost(listener: (why: BerthErrorShape) => void): void {
    this.carrier.onLost(listener)
  }
}
