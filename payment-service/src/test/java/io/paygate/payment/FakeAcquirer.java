package io.paygate.payment;

import io.paygate.events.AuthorizationResult;
import io.paygate.events.AuthorizePayment;
import io.paygate.events.PaymentActionCommand;
import io.paygate.events.PaymentActionResult;
import io.paygate.events.ResponseCode;
import io.paygate.events.ReversePayment;
import io.paygate.events.Topology;
import io.paygate.events.card.CardCipher;
import io.paygate.events.card.CardData;
import io.paygate.support.amqp.OutgoingMessage;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.support.converter.MessageConverter;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.awaitility.Awaitility.await;

/**
 * Plays an acquirer adapter over real RabbitMQ: consumes the authorisation commands of its acquirer code, opens the
 * card envelope and answers like the Piggy Bank, by the card number's last digit: odd approves, 2/4/6/8 declines,
 * 0 never answers (the test answers later with {@link #answer}). Like the bank behind it, it decides each payment
 * once, by its id, and repeats that decision to every later command for the payment; the card
 * {@link #ANSWER_LOST_ONCE_CARD} is approved at the first command, but that answer is lost on the way back.
 * It also takes the reversal commands of its acquirer code, and answers its capture, void and refund commands with the
 * balance rules of a bank: approved while the authorisation's balance allows, {@code 20013} beyond it, {@code 20012}
 * in a state that does not allow the action, each action decided once by its id. While {@link #holdActions} is on,
 * action commands are taken but not answered.
 */
final class FakeAcquirer implements AutoCloseable {

    /** A command as the acquirer received it, with its envelope opened. */
    record ReceivedCommand(AuthorizePayment command, CardData card, MessageProperties properties) {
    }

    /** Approved, but the answer to the first command never arrives: only a command sent again is answered. */
    static final String ANSWER_LOST_ONCE_CARD = "4000000000000051";

    private final String code;
    private final RabbitTemplate rabbit;
    private final AmqpAdmin admin;
    private final MessageConverter converter;
    private final CardCipher cipher;
    private final SimpleMessageListenerContainer container;
    private final ConcurrentLinkedQueue<ReceivedCommand> received = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<ReversePayment> reversals = new ConcurrentLinkedQueue<>();
    private final Map<String, AuthorizationResult> bankDecisions = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<AuthorizationResult> answers = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<PaymentActionCommand> actions = new ConcurrentLinkedQueue<>();
    private final Map<String, Long> authorizedAmounts = new ConcurrentHashMap<>();
    private final Map<String, Ledger> ledgers = new ConcurrentHashMap<>();
    private final Map<String, PaymentActionResult> actionDecisions = new ConcurrentHashMap<>();
    private volatile boolean holdActions;

    /** What the bank holds of one approved authorisation. */
    private record Ledger(long authorized, long captured, long refunded, boolean closed) {

        ResponseCode refusal(PaymentActionCommand action) {
            return switch (action.type()) {
                case CAPTURE -> closed ? ResponseCode.INVALID_TRANSACTION
                        : action.amount() > authorized - captured ? ResponseCode.INVALID_AMOUNT : null;
                case VOID -> closed || captured > 0 ? ResponseCode.INVALID_TRANSACTION : null;
                case REFUND -> action.amount() > captured - refunded ? ResponseCode.INVALID_AMOUNT : null;
            };
        }

        Ledger after(PaymentActionCommand action) {
            return switch (action.type()) {
                case CAPTURE -> new Ledger(authorized, captured + action.amount(), refunded,
                        action.finalCapture() || captured + action.amount() == authorized);
                case VOID -> new Ledger(authorized, captured, refunded, true);
                case REFUND -> new Ledger(authorized, captured, refunded + action.amount(), closed);
            };
        }
    }

    FakeAcquirer(String code, ConnectionFactory connections, RabbitTemplate rabbit, AmqpAdmin admin,
                 MessageConverter converter, CardCipher cipher) {
        this.code = code;
        this.rabbit = rabbit;
        this.admin = admin;
        this.converter = converter;
        this.cipher = cipher;
        Queue queue = new Queue(Topology.acquirerQueue(code), false, false, true);
        admin.declareQueue(queue);
        admin.declareBinding(BindingBuilder.bind(queue)
                .to(new TopicExchange(Topology.AUTHORIZATIONS_EXCHANGE, true, false))
                .with(Topology.authorizeRoutingKey(code)));
        Queue actionQueue = new Queue(Topology.acquirerActionQueue(code), false, false, true);
        admin.declareQueue(actionQueue);
        admin.declareBinding(BindingBuilder.bind(actionQueue)
                .to(new TopicExchange(Topology.AUTHORIZATIONS_EXCHANGE, true, false))
                .with(Topology.actionRoutingKey(code)));
        Queue reversalQueue = new Queue(Topology.acquirerReversalQueue(code), false, false, true);
        admin.declareQueue(reversalQueue);
        admin.declareBinding(BindingBuilder.bind(reversalQueue)
                .to(new TopicExchange(Topology.AUTHORIZATIONS_EXCHANGE, true, false))
                .with(Topology.reverseRoutingKey(code)));
        container = new SimpleMessageListenerContainer(connections);
        container.setQueueNames(queue.getName(), reversalQueue.getName(), actionQueue.getName());
        container.setMessageListener(this::onMessage);
        container.start();
    }

    private void onMessage(Message message) {
        Object body = converter.fromMessage(message);
        if (body instanceof ReversePayment reversal) {
            reversals.add(reversal);
            return;
        }
        if (body instanceof PaymentActionCommand action) {
            onAction(action);
            return;
        }
        AuthorizePayment command = (AuthorizePayment) body;
        CardData card = cipher.open(command.card(), command.paymentId());
        received.add(new ReceivedCommand(command, card, message.getMessageProperties()));
        char last = card.number().charAt(card.number().length() - 1);
        if (last == '0') {
            return;
        }
        boolean firstCommand = !bankDecisions.containsKey(command.paymentId());
        AuthorizationResult decision = bankDecisions.computeIfAbsent(command.paymentId(), id -> (last - '0') % 2 == 1
                ? AuthorizationResult.approved(id, UUID.randomUUID().toString(), Instant.now())
                : AuthorizationResult.declined(id, ResponseCode.DO_NOT_HONOUR, Instant.now()));
        if (firstCommand && card.number().equals(ANSWER_LOST_ONCE_CARD)) {
            return;
        }
        if (decision.approved()) {
            authorizedAmounts.put(command.paymentId(), command.amount());
        }
        answers.add(decision);
        answer(command.replyTo(), decision);
    }

    private void onAction(PaymentActionCommand action) {
        actions.add(action);
        if (holdActions) {
            return;
        }
        PaymentActionResult result = actionDecisions.computeIfAbsent(action.actionId(), id -> {
            Long authorized = authorizedAmounts.get(action.paymentId());
            if (authorized == null) {
                return actionResult(action, ResponseCode.NO_ORIGINAL);
            }
            Ledger ledger = ledgers.getOrDefault(action.paymentId(), new Ledger(authorized, 0, 0, false));
            ResponseCode refusal = ledger.refusal(action);
            if (refusal != null) {
                return actionResult(action, refusal);
            }
            ledgers.put(action.paymentId(), ledger.after(action));
            return actionResult(action, ResponseCode.APPROVED);
        });
        rabbit.convertAndSend(Topology.AUTHORIZATION_RESULTS_EXCHANGE, Topology.ACTION_RESULTS_ROUTING_KEY, result,
                OutgoingMessage.stamped(PaymentActionResult.TYPE, PaymentActionResult.VERSION, result.actionId()));
    }

    private PaymentActionResult actionResult(PaymentActionCommand action, ResponseCode code) {
        return new PaymentActionResult(action.actionId(), action.paymentId(), this.code, action.type(), code,
                null, Instant.now());
    }

    /** Takes action commands without answering them (true), or answers them again from now on (false). */
    void holdActions(boolean hold) {
        holdActions = hold;
    }

    /** Every action command received for the payment, copies included. */
    List<PaymentActionCommand> actionsFor(String paymentId) {
        return actions.stream().filter(action -> action.paymentId().equals(paymentId)).toList();
    }

    /** What the bank captured of the payment, by the commands it approved. */
    long capturedAtBank(String paymentId) {
        Ledger ledger = ledgers.get(paymentId);
        return ledger == null ? 0 : ledger.captured();
    }

    /** Publishes a result under a routing key, as an adapter does to the reply-to of a command. */
    void answer(String routingKey, AuthorizationResult result) {
        rabbit.convertAndSend(Topology.AUTHORIZATION_RESULTS_EXCHANGE, routingKey, result,
                OutgoingMessage.stamped(AuthorizationResult.TYPE, AuthorizationResult.VERSION, result.paymentId()));
    }

    ReceivedCommand awaitCommand(String paymentId) {
        return await().atMost(Duration.ofSeconds(10))
                .until(() -> commandFor(paymentId), command -> command != null);
    }

    List<ReceivedCommand> commandsOf(String merchantId) {
        return received.stream().filter(received -> received.command().merchantId().equals(merchantId)).toList();
    }

    /** Every command received for the payment, copies included. */
    List<ReceivedCommand> commandsFor(String paymentId) {
        return received.stream().filter(received -> received.command().paymentId().equals(paymentId)).toList();
    }

    /** The answers that reached the results exchange for the payment. */
    List<AuthorizationResult> answersFor(String paymentId) {
        return answers.stream().filter(answer -> answer.paymentId().equals(paymentId)).toList();
    }

    List<ReversePayment> reversalsFor(String paymentId) {
        return reversals.stream().filter(reversal -> reversal.paymentId().equals(paymentId)).toList();
    }

    private ReceivedCommand commandFor(String paymentId) {
        return received.stream().filter(received -> received.command().paymentId().equals(paymentId))
                .findFirst().orElse(null);
    }

    @Override
    public void close() {
        container.stop();
        admin.deleteQueue(Topology.acquirerQueue(code));
        admin.deleteQueue(Topology.acquirerReversalQueue(code));
        admin.deleteQueue(Topology.acquirerActionQueue(code));
    }
}
