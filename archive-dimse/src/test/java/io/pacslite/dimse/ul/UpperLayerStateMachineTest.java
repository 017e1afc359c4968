package io.pacslite.dimse.ul;

import static io.pacslite.dimse.ul.Action.*;
import static io.pacslite.dimse.ul.Event.*;
import static io.pacslite.dimse.ul.State.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Whole associations walked through the machine from Sta1, as PS3.8 Section 9.2 and the
 * sequencing rules of PS3.8 Section 7 describe them.
 */
class UpperLayerStateMachineTest {

    private final UpperLayerStateMachine machine = new UpperLayerStateMachine();

    @Test
    void acceptorAssociatesTransfersDataAndIsReleased() {
        step(Evt5, AE_5, Sta2);
        assertThat(machine.handleAssociateRequest(true)).isEqualTo(Transition.to(AE_6, Sta3));
        step(Evt7, AE_7, Sta6);
        step(Evt10, DT_2, Sta6);
        step(Evt9, DT_1, Sta6);
        step(Evt10, DT_2, Sta6);
        step(Evt12, AR_2, Sta8);
        step(Evt9, AR_7, Sta8);
        Transition releaseResponse = step(Evt14, AR_4, Sta13);
        assertThat(releaseResponse.startsArtim()).isTrue();
        Transition closed = step(Evt17, AR_5, Sta1);
        assertThat(closed.stopsArtim()).isTrue();
        assertThat(machine.isRequestor()).isFalse();
    }

    @Test
    void requestorAssociatesTransfersDataAndReleases() {
        step(Evt1, AE_1, Sta4);
        step(Evt2, AE_2, Sta5);
        step(Evt3, AE_3, Sta6);
        step(Evt9, DT_1, Sta6);
        step(Evt10, DT_2, Sta6);
        step(Evt11, AR_1, Sta7);
        step(Evt10, AR_6, Sta7);
        step(Evt13, AR_3, Sta1);
        assertThat(machine.isRequestor()).isTrue();
    }

    @Test
    void releaseCollisionOnRequestorSide() {
        establishAsRequestor();
        step(Evt11, AR_1, Sta7);
        step(Evt12, AR_8, Sta9);
        step(Evt14, AR_9, Sta11);
        step(Evt13, AR_3, Sta1);
    }

    @Test
    void releaseCollisionOnAcceptorSide() {
        establishAsAcceptor();
        step(Evt11, AR_1, Sta7);
        step(Evt12, AR_8, Sta10);
        step(Evt13, AR_10, Sta12);
        step(Evt14, AR_4, Sta13);
        step(Evt17, AR_5, Sta1);
    }

    @Test
    void acceptorUserRejectsAssociation() {
        step(Evt5, AE_5, Sta2);
        machine.handleAssociateRequest(true);
        Transition reject = step(Evt8, AE_8, Sta13);
        assertThat(reject.startsArtim()).isTrue();
        step(Evt17, AR_5, Sta1);
    }

    @Test
    void acceptorProviderRejectsUnacceptableRequest() {
        step(Evt5, AE_5, Sta2);
        Transition reject = machine.handleAssociateRequest(false);
        assertThat(reject).isEqualTo(Transition.to(AE_6, Sta13));
        assertThat(machine.state()).isEqualTo(Sta13);
        step(Evt17, AR_5, Sta1);
    }

    @Test
    void requestorIsRejectedByPeer() {
        step(Evt1, AE_1, Sta4);
        step(Evt2, AE_2, Sta5);
        step(Evt4, AE_4, Sta1);
    }

    @Test
    void localUserAbortsThenPeerCloses() {
        establishAsAcceptor();
        Transition abort = step(Evt15, AA_1, Sta13);
        assertThat(abort.startsArtim()).isTrue();
        step(Evt17, AR_5, Sta1);
    }

    @Test
    void localUserAbortsButPeerNeverCloses() {
        establishAsRequestor();
        step(Evt15, AA_1, Sta13);
        Transition expired = step(Evt18, AA_2, Sta1);
        assertThat(expired.stopsArtim()).isTrue();
    }

    @Test
    void peerAborts() {
        establishAsRequestor();
        step(Evt16, AA_3, Sta1);
    }

    @Test
    void unexpectedPduAbortsAsServiceProvider() {
        establishAsAcceptor();
        Transition abort = step(Evt3, AA_8, Sta13);
        assertThat(abort.startsArtim()).isTrue();
        step(Evt10, AA_6, Sta13);
        step(Evt17, AR_5, Sta1);
    }

    @Test
    void transportLostDuringDataTransfer() {
        establishAsAcceptor();
        step(Evt17, AA_4, Sta1);
    }

    @Test
    void artimExpiresBeforeAssociateRequest() {
        Transition opened = step(Evt5, AE_5, Sta2);
        assertThat(opened.startsArtim()).isTrue();
        Transition expired = step(Evt18, AA_2, Sta1);
        assertThat(expired.stopsArtim()).isTrue();
    }

    @Test
    void artimExpiresWhileAwaitingCloseAfterRelease() {
        establishAsAcceptor();
        step(Evt12, AR_2, Sta8);
        step(Evt14, AR_4, Sta13);
        step(Evt18, AA_2, Sta1);
    }

    @Test
    void refusesEventsAfterAssociationEndedAndStaysIdle() {
        establishAsRequestor();
        step(Evt16, AA_3, Sta1);

        assertThatThrownBy(() -> machine.handle(Evt10))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Evt10")
                .hasMessageContaining("Sta1");
        assertThatThrownBy(() -> machine.handle(Evt9)).isInstanceOf(IllegalStateException.class);
        assertThat(machine.state()).isEqualTo(Sta1);
    }

    @Test
    void refusesLocalPrimitiveOutOfTurn() {
        establishAsAcceptor();
        step(Evt11, AR_1, Sta7);

        assertThatThrownBy(() -> machine.handle(Evt9)).isInstanceOf(IllegalStateException.class);
        assertThat(machine.state()).isEqualTo(Sta7);
    }

    @Test
    void startsAnotherAssociationFromIdle() {
        establishAsRequestor();
        step(Evt16, AA_3, Sta1);
        establishAsAcceptor();
        assertThat(machine.isRequestor()).isFalse();
    }

    @Test
    void associateRequestNeedsTheProvidersVerdict() {
        step(Evt5, AE_5, Sta2);

        assertThatThrownBy(() -> machine.handle(Evt6)).isInstanceOf(IllegalArgumentException.class);
        assertThat(machine.state()).isEqualTo(Sta2);
    }

    private void establishAsRequestor() {
        step(Evt1, AE_1, Sta4);
        step(Evt2, AE_2, Sta5);
        step(Evt3, AE_3, Sta6);
    }

    private void establishAsAcceptor() {
        step(Evt5, AE_5, Sta2);
        machine.handleAssociateRequest(true);
        step(Evt7, AE_7, Sta6);
    }

    private Transition step(Event event, Action expectedAction, State expectedNext) {
        Transition taken = machine.handle(event);
        assertThat(taken).isEqualTo(Transition.to(expectedAction, expectedNext));
        assertThat(machine.state()).isEqualTo(expectedNext);
        return taken;
    }
}
