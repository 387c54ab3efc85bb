package io.mockfactory.provisioner.runtime;

/**
 * What a service says about its use: a counter of work that only grows (commands, transactions) and how many clients
 * other than the one asking are connected now.
 *
 * @param probeCost how much one reading itself adds to {@code work}, so a reading alone never counts as use
 */
public record Activity(long work, int otherClients, long probeCost) {

    /** Whether clients used the service since {@code previous} (null: no earlier reading). */
    public boolean usedSince(Activity previous) {
        return otherClients > 0 || (previous != null && work - previous.work() > probeCost);
    }
}
