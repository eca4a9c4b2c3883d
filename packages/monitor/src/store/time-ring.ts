/**
 * Slots for the latest `size` time steps (seconds, periods), each kept with its step: a step
 * older than the ring reuses the slot, so memory stays bounded whatever the traffic.
 */
export class TimeRing<T> {
  private readonly slots: ({ readonly step: number; readonly value: T } | undefined)[];

  constructor(
    readonly size: number,
    private readonly create: () => T,
  ) {
    this.slots = new Array<{ readonly step: number; readonly value: T } | undefined>(size);
  }

  /** The value of a step, made if the ring has none; undefined for a step older than the ring's newest by its size or more. */
  at(step: number): T | undefined {
    const index = ((step % this.size) + this.size) % this.size;
    const slot = this.slots[index];
    if (slot?.step === step) return slot.value;
    if (slot !== undefined && slot.step > step) return undefined;
    const value = this.create();
    this.slots[index] = { step, value };
    return value;
  }

  /** The value of a step if one was made; never makes one. */
  get(step: number): T | undefined {
    const slot = this.slots[((step % this.size) + this.size) % this.size];
    return slot?.step === step ? slot.value : undefined;
  }
}
